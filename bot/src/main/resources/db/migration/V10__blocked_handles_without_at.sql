-- A blocked handle is now keyed without its "@" ("@Dana_K" and "dana_k" are one account). Where both forms were
-- blocked, the bare one stays.
DELETE FROM blocked_authors b
WHERE b.author_key LIKE 'handle:@%'
  AND EXISTS (SELECT 1 FROM blocked_authors o
              WHERE o.platform = b.platform AND o.author_key = 'handle:' || SUBSTRING(b.author_key FROM 9));
UPDATE blocked_authors SET author_key = 'handle:' || SUBSTRING(author_key FROM 9) WHERE author_key LIKE 'handle:@%';
