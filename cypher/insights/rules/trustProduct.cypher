// insights.trustProduct(crossTrust, p): the product of the trusts along warm path p, whose first line (the relationship
// across) carries crossTrust and each line after it its insights.lineTrust. A route's score is this times the hop penalty
// for every hop after the first.
reduce(product = crossTrust, line IN tail(relationships(p)) | product * insights.lineTrust(line))
