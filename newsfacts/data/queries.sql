-- Ready-made queries over a newsfacts store (newsfacts --db facts.sqlite).
-- Each block starts at a "-- name: NAME" line and ends with its ";"; newsfacts.store.load_queries()
-- returns them by name. Run one in the sqlite3 shell by piping its block in (a query passed as an
-- argument would start with "--" and be read as an option):
--   sed -n '/^-- name: top_hardware$/,/;$/p' newsfacts/data/queries.sql | sqlite3 -header -column facts.sqlite
-- Named parameters (:hardware, :org) are bound by the caller; in the sqlite3 shell, set them first:
--   { echo ".parameter set :org \"'Intel'\""; sed -n '/^-- name: posts_at_org$/,/;$/p' newsfacts/data/queries.sql; } |
--     sqlite3 -header -column facts.sqlite

-- name: top_hardware
-- The hardware models mentioned in the most documents.
SELECT normal,
       MAX(vendor)                 AS vendor,
       COUNT(DISTINCT document_id) AS documents,
       COUNT(*)                    AS mentions
FROM entities
WHERE type = 'HARDWARE'
GROUP BY normal
ORDER BY documents DESC, mentions DESC, normal
LIMIT 20;

-- name: companies_with_hardware
-- Companies (ORG) mentioned in the same documents as one hardware model (:hardware, e.g. 'NVIDIA H100').
SELECT normal                      AS company,
       COUNT(DISTINCT document_id) AS documents,
       COUNT(*)                    AS mentions
FROM entities
WHERE type = 'ORG'
  AND document_id IN (SELECT document_id FROM entities WHERE type = 'HARDWARE' AND normal = :hardware)
GROUP BY normal
ORDER BY documents DESC, mentions DESC, company
LIMIT 20;

-- name: largest_money
-- The largest money amounts, each in its own currency (no conversion: add "AND q.unit = 'USD'" to compare like with like).
SELECT q.value, q.unit, q.text, d.path
FROM quantities AS q
JOIN documents AS d ON d.id = q.document_id
WHERE q.kind = 'money'
ORDER BY q.value DESC, d.path, q.start
LIMIT 20;

-- name: top_spenders
-- Who spent (or raised, earned, invested) the most: money amounts summed by the entity they belong to, per currency.
SELECT q.subject_normal              AS subject,
       q.subject_type                AS type,
       q.unit,
       SUM(q.value)                  AS total,
       COUNT(*)                      AS amounts,
       COUNT(DISTINCT q.document_id) AS documents
FROM quantities AS q
WHERE q.kind = 'money'
  AND q.subject_normal IS NOT NULL
GROUP BY q.subject_normal, q.subject_type, q.unit
ORDER BY total DESC, subject
LIMIT 20;

-- name: posts_at_org
-- Every post held at one organisation (:org, e.g. 'Intel'): who, which post, in how many documents.
SELECT person,
       role,
       COUNT(DISTINCT document_id) AS documents
FROM roles
WHERE org = :org
GROUP BY person, role
ORDER BY documents DESC, person, role;
