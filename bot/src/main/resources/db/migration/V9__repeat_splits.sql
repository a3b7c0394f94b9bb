-- Repeats a person split off the case they had joined ("Not this issue" beside the repeat on its card), with how
-- they had matched: /care quality tells from them how often each kind of match (same words, near repeat, same issue
-- in other words) was wrong.
CREATE TABLE repeat_splits (
    post_id   BIGINT           NOT NULL REFERENCES posts (id),
    from_case BIGINT           NOT NULL REFERENCES cases (id),
    to_case   BIGINT           NOT NULL REFERENCES cases (id),
    how       VARCHAR(16)      NOT NULL,
    score     DOUBLE PRECISION NOT NULL,
    actor     VARCHAR(100)     NOT NULL,
    split_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (post_id, from_case)
);
