// charter.contactable(p): whether person p may be contacted at all: never a do-not-contact person, for anyone.
NOT coalesce(p.doNotContact, false)
