// charter.introduced(k, levels): whether relationship k's owner, accepting an introduction $viewer asked for, shared k
// with the viewer at one of levels ('route': the route only, 'strength': its strength too, 'relationship': in detail,
// with its history). $viewer.shared lists what was shared with the viewer (Charter/Viewer.cs), worked out per request.
any(s IN coalesce($viewer.shared, []) WHERE s.ourId = startNode(k).id AND s.theirId = endNode(k).id AND s.share IN levels)
