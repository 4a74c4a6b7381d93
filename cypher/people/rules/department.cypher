// people.department(p): the department person p is grouped under (account coverage and its facts): their department
// trimmed, null when none is given or it is blank.
CASE WHEN trim(coalesce(p.department, '')) = '' THEN null ELSE trim(p.department) END
