// Stores the whole charter (one node); the service reads it instead of the configuration from now on.
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
    c.updatedBy = $updatedBy,
    c.updatedAt = datetime($now)
RETURN c.defaultVisibility AS defaultVisibility, c.introductionsAllowed AS introductionsAllowed,
       c.learnedStrengthHalfLifeDays AS learnedStrengthHalfLifeDays, c.staleAfterDays AS staleAfterDays,
       c.managersSeeReportsPrivate AS managersSeeReportsPrivate,
       c.meetingWeight AS meeting, c.eventWeight AS event, c.callWeight AS call, c.emailWeight AS email,
       c.captureOptedOutPersonIds AS captureOptedOutPersonIds, c.captureBlockedDomains AS captureBlockedDomains,
       c.captureVisibility AS captureVisibility,
       c.updatedBy AS updatedBy, toString(c.updatedAt) AS updatedAt
