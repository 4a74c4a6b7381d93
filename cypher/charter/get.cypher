// The stored charter, if an admin stored one (PUT /api/charter); none: the configuration applies.
MATCH (c:Charter {id: 'charter'})
RETURN c.defaultVisibility AS defaultVisibility, c.introductionsAllowed AS introductionsAllowed,
       c.learnedStrengthHalfLifeDays AS learnedStrengthHalfLifeDays, c.staleAfterDays AS staleAfterDays,
       c.managersSeeReportsPrivate AS managersSeeReportsPrivate,
       c.meetingWeight AS meeting, c.eventWeight AS event, c.callWeight AS call, c.emailWeight AS email,
       c.captureOptedOutPersonIds AS captureOptedOutPersonIds, c.captureBlockedDomains AS captureBlockedDomains,
       c.captureVisibility AS captureVisibility,
       c.introductionExpiryDays AS introductionExpiryDays, c.introductionMaxOpen AS introductionMaxOpen,
       c.introductionApproval AS introductionApproval,
       c.updatedBy AS updatedBy, toString(c.updatedAt) AS updatedAt
