// insights.passes(a, r, b): whether a warm path may take line r from a to b on the customer side: a reporting line
// either way, informal influence only toward the one influenced, rapport only as sympathy, never to a person who may not
// be reached (charter.reachable), never between two people with antipathy or rivalry.
(type(r) <> 'INFLUENCES' OR startNode(r) = a)
  AND (type(r) <> 'RAPPORT' OR r.sentiment = 'sympathy')
  AND charter.reachable(b)
  AND NOT EXISTS { (a)-[bad:RAPPORT]-(b) WHERE bad.sentiment IN ['antipathy', 'rivalry'] }
