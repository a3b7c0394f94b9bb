-- Sentiment and sarcasm of each triaged post.
ALTER TABLE triages ADD COLUMN sentiment VARCHAR(8) DEFAULT 'neutral' NOT NULL;
ALTER TABLE triages ADD COLUMN sarcasm BOOLEAN DEFAULT FALSE NOT NULL;
