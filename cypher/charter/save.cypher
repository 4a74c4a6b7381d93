// Stores the whole charter (one node); the service reads it instead of the configuration from now on (and reads it
// back with charter/get, the one place that says how a stored charter reads).
MERGE (c:Charter {id: 'charter'})
SET c.defaultVisibility = $defaultVisibility,
    c.introductionsAllowed = $introductionsAllowed,
    c.learnedStrengthHalfLifeDays = toFloat($learnedStrengthHalfLifeDays),
    c.staleAfterDays = toInteger($staleAfterDays),
    c.managersSeeReportsPrivate = $managersSeeReportsPrivate,
    c.meetingWeight = toFloat($meeting),
    c.eventWeight = toFloat($event),
    c.callWeight = toFloat($call),
    c.emailWeight = toFloat($email),
    c.captureOptedOutPersonIds = $captureOptedOutPersonIds,
    c.captureBlockedDomains = $captureBlockedDomains,
    c.captureVisibility = $captureVisibility,
    c.introductionExpiryDays = toInteger($introductionExpiryDays),
    c.introductionMaxOpen = toInteger($introductionMaxOpen),
    c.introductionApproval = $introductionApproval,
    c.updatedBy = $updatedBy,
    c.updatedAt = datetime($now)
RETURN c.id AS saved
