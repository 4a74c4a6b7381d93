// One page of opportunities by name, optionally at one organization and in one stage, each with its buying center
// and team as $viewer may see them. organizationExists is false when a filter names an unknown organization.
OPTIONAL MATCH (filter:Organization {id: $organizationId})
CALL () {
  MATCH (o:Opportunity)-[:AT]->(org:Organization)
  WHERE ($organizationId IS NULL OR org.id = $organizationId) AND ($stage IS NULL OR o.stage = $stage)
  WITH o ORDER BY o.name, o.id
  RETURN collect(o) AS matched
}
RETURN $organizationId IS NULL OR filter IS NOT NULL AS organizationExists, size(matched) AS total,
       [o IN matched[$skip..$skip + $limit] | opportunities.opportunity(o)] AS items
