// charter.pendingSince(k): since when $viewer's introduction request through relationship k (its owner to introduce
// them to its person) waits for an answer, or null where none waits. $viewer.pending is worked out per request
// (Charter/Viewer.cs).
[s IN coalesce($viewer.pending, []) WHERE s.ourId = startNode(k).id AND s.theirId = endNode(k).id | s.since][0]
