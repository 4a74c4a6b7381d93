// Introduction requests: every one for an admin ($personId null), else those the caller takes part in as $as
// (requester, introducer, approver; null: any), optionally in one $state (as of now: introductions.state), or the one with $id. A request whose target
// the caller may not see (do-not-contact) is not there for them. Newest first, a page of them and how many in all.
MATCH (x:Introduction)
WHERE ($id IS NULL OR x.id = $id)
  AND ($personId IS NULL OR introductions.involves(x, $personId, $as))
  AND ($state IS NULL OR introductions.state(x) = $state)
  AND all(t IN COLLECT { MATCH (x)-[:TO]->(t:Person) RETURN t } WHERE charter.shown(t))
WITH x ORDER BY x.requestedAt DESC, x.id
WITH collect(x) AS found
RETURN size(found) AS total, [x IN found[$skip..($skip + $limit)] | introductions.answer(x)] AS items
