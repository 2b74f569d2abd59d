-- Ready-made queries over a newsfacts store (newsfacts --db facts.sqlite).
-- Each block starts at a "-- name: NAME" line; newsfacts.store.load_queries()
-- returns them by name. Run one in the shell with e.g.
--   sqlite3 -header -column facts.sqlite "$(cat query.sql)"
-- Named parameters (:hardware) are bound by the caller; in the sqlite3 shell:
--   .parameter set :hardware "'NVIDIA H100'"

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
