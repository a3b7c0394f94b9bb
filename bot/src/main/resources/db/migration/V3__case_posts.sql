-- Posts that repeat an open case (the same words, a near repeat, or the same issue in other words) join it
-- instead of opening a case of their own: one card per real issue, with a live count.
CREATE TABLE case_posts (
    case_id   BIGINT       NOT NULL REFERENCES cases (id),
    post_id   BIGINT       NOT NULL REFERENCES posts (id),
    how       VARCHAR(16)  NOT NULL,
    score     DOUBLE PRECISION NOT NULL,
    joined_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (case_id, post_id)
);
CREATE INDEX case_posts_by_post ON case_posts (post_id);
