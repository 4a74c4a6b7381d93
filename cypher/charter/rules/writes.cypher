// charter.writes(ours, k): whether $writer may write the relationship from our person `ours` (k: the stored one, or
// null). $writer is the person a seller or manager key acts as, null for admin and integration keys (which write
// anything). Sellers and managers write their own relationships: those of their own person, or owned by them.
$writer IS NULL OR ours.id = $writer OR coalesce(k.ownerId = $writer, false)
