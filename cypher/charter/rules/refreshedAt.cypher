// charter.refreshedAt(k): when relationship k was last refreshed: its last interaction, else its last change.
coalesce(k.lastInteractionAt, k.updatedAt, k.createdAt)
