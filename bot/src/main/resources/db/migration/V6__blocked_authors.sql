-- Authors blocked from a case card: their posts are still stored and counted, but open no case.
CREATE TABLE blocked_authors (
    platform   VARCHAR(32)  NOT NULL,
    author_key VARCHAR(200) NOT NULL,
    display    VARCHAR(200),
    blocked_by VARCHAR(100) NOT NULL,
    case_id    BIGINT       REFERENCES cases (id),
    blocked_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (platform, author_key)
);
