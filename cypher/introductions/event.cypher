// One introduction request as an event sent to the introductions webhook tells of it (Features/Introductions/
// IntroductionEvents.cs): ids, state and dates, its people as the event's audience ($viewer: every seller) may see them
// under today's charter (a do-not-contact or erased person is not named), never the note or the decline's reason.
MATCH (x:Introduction {id: $id})
WITH introductions.answer(x) AS a
RETURN a {.id, .state, .requester, .introducer, .target, .opportunityId, .share, .requestedAt, .expiresAt, .answeredAt,
          .acceptedAt, .closedAt, .metAt} AS introduction
