// Capture matches addresses to people case-insensitively (interactions/match-addresses): emailKey is a person's email in
// lower case, written with the email by every statement that writes one (people/upsert, org-chart/upsert-people), and
// indexed, so an address is one index seek instead of a scan of every person. People stored before get theirs here.
CREATE INDEX person_email_key IF NOT EXISTS FOR (p:Person) ON (p.emailKey);
MATCH (p:Person) WHERE p.email IS NOT NULL AND p.emailKey IS NULL
SET p.emailKey = toLower(p.email);
