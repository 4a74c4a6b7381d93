// charter.changesDetails(k): whether $writer may change stored relationship k's details (strength, owner, visibility,
// since, source): only its owner, or an admin or integration key ($writer null). A new relationship (k null) is the
// writer's own.
$writer IS NULL OR k IS NULL OR k.ownerId = $writer
