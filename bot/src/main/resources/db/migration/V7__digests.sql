-- One digest of suppressed posts per queue per day, whichever instance sends it.
CREATE TABLE digests (
    queue      VARCHAR(64) NOT NULL,
    digest_day DATE        NOT NULL,
    sent_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (queue, digest_day)
);
CREATE INDEX triages_by_queue_time ON triages (queue, triaged_at);
