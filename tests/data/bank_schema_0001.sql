-- A quizapp bank at schema revision 0001 (made by tests/data/make_bank_schema_0001.py).
BEGIN TRANSACTION;
CREATE TABLE alembic_version (
	version_num VARCHAR(32) NOT NULL, 
	CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)
);
INSERT INTO "alembic_version" VALUES('0001');
CREATE TABLE articles (
	id VARCHAR(64) NOT NULL, 
	title TEXT NOT NULL, 
	source TEXT NOT NULL, 
	text TEXT NOT NULL, 
	content_hash VARCHAR(64) NOT NULL, 
	imported_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (id)
);
INSERT INTO "articles" VALUES('e4f1x7ure0000000000000000000a001','Rivers & <Bridges> of Europe','tests/data/rivers.txt','The Danube flows through ten countries. The Charles Bridge crosses the Vltava in Prague.','e4f1x7ure0000000000000000000a001','2026-03-02 09:00:00.000000','2026-03-02 09:00:00.000000');
INSERT INTO "articles" VALUES('e4f1x7ure0000000000000000000b002','Kosovo :: KFOR','tests/data/kfor.txt','NATO will add 700 troops to KFOR.','e4f1x7ure0000000000000000000b002','2026-03-02 09:00:00.000000','2026-03-02 09:00:00.000000');
CREATE TABLE cards (
	id INTEGER NOT NULL, 
	learner_id INTEGER NOT NULL, 
	question_id VARCHAR(32) NOT NULL, 
	state INTEGER NOT NULL, 
	step INTEGER, 
	stability FLOAT, 
	difficulty FLOAT, 
	due DATETIME NOT NULL, 
	last_review DATETIME, 
	reps INTEGER NOT NULL, 
	lapses INTEGER NOT NULL, 
	suspended BOOLEAN NOT NULL, 
	buried_until DATETIME, 
	flagged BOOLEAN NOT NULL, 
	leech BOOLEAN NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(learner_id) REFERENCES learners (id) ON DELETE CASCADE, 
	FOREIGN KEY(question_id) REFERENCES questions (id) ON DELETE CASCADE, 
	CONSTRAINT uq_cards_learner_question UNIQUE (learner_id, question_id)
);
INSERT INTO "cards" VALUES(1,1,'q-open-danube',2,NULL,7.31530074407728,2.11121423578539513243e+00,'2026-03-11 09:01:00.000000','2026-03-03 09:01:00.000000',2,0,0,NULL,0,0);
INSERT INTO "cards" VALUES(2,1,'q-cloze-vltava',1,0,3.24941176585716773317e+00,6.7404595108297,'2026-03-03 09:06:00.000000','2026-03-03 09:00:30.000000',2,0,0,NULL,0,0);
INSERT INTO "cards" VALUES(3,1,'q-cloze-html',1,0,5.71299179345028163012e-01,7.39450274127971773907e+00,'2026-03-03 09:02:30.000000','2026-03-03 09:01:30.000000',2,0,0,NULL,0,0);
INSERT INTO "cards" VALUES(4,1,'q-tf-multiline',1,1,2.46689187775672724711e-01,6.40211506929683782374e+00,'2026-03-03 09:10:00.000000','2026-03-03 09:00:00.000000',2,0,0,NULL,0,0);
INSERT INTO "cards" VALUES(5,1,'q-choice-toolong',2,NULL,7.31530074407728,2.11121423578539513243e+00,'2026-03-10 09:02:00.000000','2026-03-03 09:02:00.000000',2,0,0,NULL,0,0);
INSERT INTO "cards" VALUES(6,2,'q-open-danube',1,1,2.3065,2.11810397045901588342e+00,'2026-03-02 09:10:00.000000','2026-03-02 09:00:00.000000',1,0,0,NULL,0,0);
INSERT INTO "cards" VALUES(7,2,'q-cloze-vltava',1,0,1.2931,5.11217070560105568688e+00,'2026-03-02 09:06:00.000000','2026-03-02 09:00:30.000000',1,0,0,NULL,0,0);
CREATE TABLE learners (
	id INTEGER NOT NULL, 
	name VARCHAR(100) NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (name)
);
INSERT INTO "learners" VALUES(1,'Ann','2026-03-02 09:00:00.000000');
INSERT INTO "learners" VALUES(2,'Bob','2026-03-02 09:00:00.000000');
CREATE TABLE questions (
	id VARCHAR(32) NOT NULL, 
	article_id VARCHAR(64) NOT NULL, 
	kind VARCHAR(16) NOT NULL, 
	prompt TEXT NOT NULL, 
	answer TEXT NOT NULL, 
	accepted_answers JSON NOT NULL, 
	choices JSON NOT NULL, 
	source_sentence TEXT NOT NULL, 
	section TEXT NOT NULL, 
	answer_type VARCHAR(16) NOT NULL, 
	score FLOAT NOT NULL, 
	tags JSON NOT NULL, 
	position INTEGER NOT NULL, 
	retired BOOLEAN NOT NULL, 
	edited BOOLEAN NOT NULL, 
	created_at DATETIME NOT NULL, 
	updated_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(article_id) REFERENCES articles (id) ON DELETE CASCADE
);
INSERT INTO "questions" VALUES('q-open-danube','e4f1x7ure0000000000000000000a001','open','Through how many countries does the Danube flow?','ten','["10"]','[]','The Danube flows through ten countries.','Rivers','number',0.0,'["geography", "big rivers"]',0,0,0,'2026-03-02 09:00:00.000000','2026-03-02 09:00:00.000000');
INSERT INTO "questions" VALUES('q-cloze-vltava','e4f1x7ure0000000000000000000a001','cloze','The Charles Bridge crosses the [...] in Prague.','Vltava','[]','[]','The Charles Bridge crosses the Vltava in Prague.','Bridges','place',0.0,'[]',1,0,0,'2026-03-02 09:00:00.000000','2026-03-02 09:00:00.000000');
INSERT INTO "questions" VALUES('q-cloze-html','e4f1x7ure0000000000000000000a001','cloze','In HTML, a <b> tag & an [...] entity look alike	to some.','&amp;','[]','[]','In HTML, a <b> tag & an &amp; entity look alike	to some.','Markup <notes>','thing',0.0,'[]',2,0,0,'2026-03-02 09:00:00.000000','2026-03-02 09:00:00.000000');
INSERT INTO "questions" VALUES('q-choice-prague','e4f1x7ure0000000000000000000a001','choice','Which river does the Charles Bridge cross?','Vltava','[]','["Danube", "Vltava", "Elbe", "Rhine"]','The Charles Bridge crosses the Vltava in Prague.','Bridges','place',0.0,'[]',3,0,0,'2026-03-02 09:00:00.000000','2026-03-02 09:00:00.000000');
INSERT INTO "questions" VALUES('q-tf-danube','e4f1x7ure0000000000000000000a001','truefalse','The Danube flows through ten countries.','True','[]','[]','The Danube flows through ten countries.','Rivers','number',0.0,'[]',4,0,0,'2026-03-02 09:00:00.000000','2026-03-02 09:00:00.000000');
INSERT INTO "questions" VALUES('q-tf-multiline','e4f1x7ure0000000000000000000a001','truefalse','The Elbe
flows into the Black Sea.','False','[]','[]','The Elbe flows into the North Sea.','Rivers','place',0.0,'[]',5,0,0,'2026-03-02 09:00:00.000000','2026-03-02 09:00:00.000000');
INSERT INTO "questions" VALUES('q-choice-toolong','e4f1x7ure0000000000000000000a001','choice','Which of these statements about the many rivers, canals, bridges and harbours of central and eastern Europe is the correct one?','The Danube','[]','["The Danube", "The Vltava", "The Elbe", "The Rhine"]','A long sentence.','Rivers','place',0.0,'[]',6,0,0,'2026-03-02 09:00:00.000000','2026-03-02 09:00:00.000000');
INSERT INTO "questions" VALUES('q-choice-longanswer','e4f1x7ure0000000000000000000a001','choice','Where does the Vltava end?','It flows into the Elbe at Mělník, a small town north of Prague in the Central Bohemian Region','[]','["It flows into the Elbe at M\u011bln\u00edk, a small town north of Prague in the Central Bohemian Region", "In the sea", "In Vienna", "In a lake"]','The Vltava flows into the Elbe at Mělník.','Rivers','place',0.0,'[]',7,0,0,'2026-03-02 09:00:00.000000','2026-03-02 09:00:00.000000');
INSERT INTO "questions" VALUES('q-open-retired','e4f1x7ure0000000000000000000a001','open','What was this retired card about?','nothing','[]','[]','Gone.','Rivers','thing',0.0,'[]',8,1,0,'2026-03-02 09:00:00.000000','2026-03-02 09:00:00.000000');
INSERT INTO "questions" VALUES('q-cloze-kfor','e4f1x7ure0000000000000000000b002','cloze','NATO will add [...] troops to KFOR.','700','[]','[]','NATO will add 700 troops to KFOR.','','number',0.0,'[]',0,0,0,'2026-03-02 09:00:00.000000','2026-03-02 09:00:00.000000');
INSERT INTO "questions" VALUES('q-open-kfor','e4f1x7ure0000000000000000000b002','open','Which alliance leads KFOR?','NATO','[]','[]','NATO will add 700 troops to KFOR.','','organisation',0.0,'[]',1,0,0,'2026-03-02 09:00:00.000000','2026-03-02 09:00:00.000000');
CREATE TABLE quiz_asked (
	id INTEGER NOT NULL, 
	night_id INTEGER NOT NULL, 
	question_id VARCHAR(32) NOT NULL, 
	round_number INTEGER NOT NULL, 
	position INTEGER NOT NULL, 
	skipped BOOLEAN NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(night_id) REFERENCES quiz_nights (id) ON DELETE CASCADE, 
	FOREIGN KEY(question_id) REFERENCES questions (id) ON DELETE CASCADE
);
INSERT INTO "quiz_asked" VALUES(1,1,'q-choice-longanswer',1,0,0);
CREATE TABLE quiz_nights (
	id INTEGER NOT NULL, 
	name VARCHAR(200) NOT NULL, 
	settings JSON NOT NULL, 
	started_at DATETIME NOT NULL, 
	finished_at DATETIME, 
	PRIMARY KEY (id)
);
INSERT INTO "quiz_nights" VALUES(1,'Friday quiz','{"rounds": 1}','2026-03-02 09:00:00.000000',NULL);
CREATE TABLE quiz_scores (
	id INTEGER NOT NULL, 
	night_id INTEGER NOT NULL, 
	team_id INTEGER NOT NULL, 
	asked_id INTEGER NOT NULL, 
	points FLOAT NOT NULL, 
	awarded_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(asked_id) REFERENCES quiz_asked (id) ON DELETE CASCADE, 
	FOREIGN KEY(night_id) REFERENCES quiz_nights (id) ON DELETE CASCADE, 
	FOREIGN KEY(team_id) REFERENCES quiz_teams (id) ON DELETE CASCADE
);
INSERT INTO "quiz_scores" VALUES(1,1,1,1,1.5,'2026-03-02 09:00:00.000000');
CREATE TABLE quiz_teams (
	id INTEGER NOT NULL, 
	night_id INTEGER NOT NULL, 
	name VARCHAR(100) NOT NULL, 
	position INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(night_id) REFERENCES quiz_nights (id) ON DELETE CASCADE
);
INSERT INTO "quiz_teams" VALUES(1,1,'Owls',0);
CREATE TABLE review_logs (
	id INTEGER NOT NULL, 
	learner_id INTEGER NOT NULL, 
	question_id VARCHAR(32) NOT NULL, 
	rating INTEGER NOT NULL, 
	reviewed_at DATETIME NOT NULL, 
	duration_ms INTEGER NOT NULL, 
	mode VARCHAR(16) NOT NULL, 
	typed TEXT, 
	state_before INTEGER NOT NULL, 
	state_after INTEGER NOT NULL, 
	card_before JSON NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(learner_id) REFERENCES learners (id) ON DELETE CASCADE, 
	FOREIGN KEY(question_id) REFERENCES questions (id) ON DELETE CASCADE
);
INSERT INTO "review_logs" VALUES(1,1,'q-open-danube',3,'2026-03-02 09:00:00.000000',1500,'flip',NULL,0,1,'{"card": {"state": 0, "step": null, "stability": null, "difficulty": null, "due": null, "last_review": null, "reps": 0, "lapses": 0, "suspended": false, "buried_until": null, "flagged": false, "leech": false}, "existed": false, "leech_tag_added": false, "suspended_by_answer": false}');
INSERT INTO "review_logs" VALUES(2,1,'q-cloze-vltava',2,'2026-03-02 09:00:30.000000',1500,'flip',NULL,0,1,'{"card": {"state": 0, "step": null, "stability": null, "difficulty": null, "due": null, "last_review": null, "reps": 0, "lapses": 0, "suspended": false, "buried_until": null, "flagged": false, "leech": false}, "existed": false, "leech_tag_added": false, "suspended_by_answer": false}');
INSERT INTO "review_logs" VALUES(3,1,'q-cloze-html',3,'2026-03-02 09:01:00.000000',1500,'flip',NULL,0,1,'{"card": {"state": 0, "step": null, "stability": null, "difficulty": null, "due": null, "last_review": null, "reps": 0, "lapses": 0, "suspended": false, "buried_until": null, "flagged": false, "leech": false}, "existed": false, "leech_tag_added": false, "suspended_by_answer": false}');
INSERT INTO "review_logs" VALUES(4,1,'q-tf-multiline',1,'2026-03-02 09:01:30.000000',1500,'flip',NULL,0,1,'{"card": {"state": 0, "step": null, "stability": null, "difficulty": null, "due": null, "last_review": null, "reps": 0, "lapses": 0, "suspended": false, "buried_until": null, "flagged": false, "leech": false}, "existed": false, "leech_tag_added": false, "suspended_by_answer": false}');
INSERT INTO "review_logs" VALUES(5,1,'q-choice-toolong',3,'2026-03-02 09:02:00.000000',1500,'flip',NULL,0,1,'{"card": {"state": 0, "step": null, "stability": null, "difficulty": null, "due": null, "last_review": null, "reps": 0, "lapses": 0, "suspended": false, "buried_until": null, "flagged": false, "leech": false}, "existed": false, "leech_tag_added": false, "suspended_by_answer": false}');
INSERT INTO "review_logs" VALUES(6,1,'q-tf-multiline',3,'2026-03-03 09:00:00.000000',1500,'flip',NULL,1,1,'{"card": {"state": 1, "step": 0, "stability": 0.212, "difficulty": 6.4133, "due": "2026-03-02T09:02:30+00:00", "last_review": "2026-03-02T09:01:30+00:00", "reps": 1, "lapses": 0, "suspended": false, "buried_until": null, "flagged": false, "leech": false}, "existed": true, "leech_tag_added": false, "suspended_by_answer": false}');
INSERT INTO "review_logs" VALUES(7,1,'q-cloze-vltava',2,'2026-03-03 09:00:30.000000',1500,'flip',NULL,1,1,'{"card": {"state": 1, "step": 0, "stability": 1.2931, "difficulty": 5.112170705601056, "due": "2026-03-02T09:06:00+00:00", "last_review": "2026-03-02T09:00:30+00:00", "reps": 1, "lapses": 0, "suspended": false, "buried_until": null, "flagged": false, "leech": false}, "existed": true, "leech_tag_added": false, "suspended_by_answer": false}');
INSERT INTO "review_logs" VALUES(8,1,'q-open-danube',3,'2026-03-03 09:01:00.000000',1500,'flip',NULL,1,2,'{"card": {"state": 1, "step": 1, "stability": 2.3065, "difficulty": 2.118103970459016, "due": "2026-03-02T09:10:00+00:00", "last_review": "2026-03-02T09:00:00+00:00", "reps": 1, "lapses": 0, "suspended": false, "buried_until": null, "flagged": false, "leech": false}, "existed": true, "leech_tag_added": false, "suspended_by_answer": false}');
INSERT INTO "review_logs" VALUES(9,1,'q-cloze-html',1,'2026-03-03 09:01:30.000000',1500,'flip',NULL,1,1,'{"card": {"state": 1, "step": 1, "stability": 2.3065, "difficulty": 2.118103970459016, "due": "2026-03-02T09:11:00+00:00", "last_review": "2026-03-02T09:01:00+00:00", "reps": 1, "lapses": 0, "suspended": false, "buried_until": null, "flagged": false, "leech": false}, "existed": true, "leech_tag_added": false, "suspended_by_answer": false}');
INSERT INTO "review_logs" VALUES(10,1,'q-choice-toolong',3,'2026-03-03 09:02:00.000000',1500,'flip',NULL,1,2,'{"card": {"state": 1, "step": 1, "stability": 2.3065, "difficulty": 2.118103970459016, "due": "2026-03-02T09:12:00+00:00", "last_review": "2026-03-02T09:02:00+00:00", "reps": 1, "lapses": 0, "suspended": false, "buried_until": null, "flagged": false, "leech": false}, "existed": true, "leech_tag_added": false, "suspended_by_answer": false}');
INSERT INTO "review_logs" VALUES(11,2,'q-open-danube',3,'2026-03-02 09:00:00.000000',1500,'flip',NULL,0,1,'{"card": {"state": 0, "step": null, "stability": null, "difficulty": null, "due": null, "last_review": null, "reps": 0, "lapses": 0, "suspended": false, "buried_until": null, "flagged": false, "leech": false}, "existed": false, "leech_tag_added": false, "suspended_by_answer": false}');
INSERT INTO "review_logs" VALUES(12,2,'q-cloze-vltava',2,'2026-03-02 09:00:30.000000',1500,'flip',NULL,0,1,'{"card": {"state": 0, "step": null, "stability": null, "difficulty": null, "due": null, "last_review": null, "reps": 0, "lapses": 0, "suspended": false, "buried_until": null, "flagged": false, "leech": false}, "existed": false, "leech_tag_added": false, "suspended_by_answer": false}');
CREATE INDEX ix_articles_content_hash ON articles (content_hash);
CREATE INDEX ix_articles_source ON articles (source);
CREATE INDEX ix_questions_article_id ON questions (article_id);
CREATE INDEX ix_questions_kind ON questions (kind);
CREATE INDEX ix_questions_retired ON questions (retired);
CREATE INDEX ix_quiz_teams_night_id ON quiz_teams (night_id);
CREATE INDEX ix_cards_learner_due ON cards (learner_id, due);
CREATE INDEX ix_cards_question_id ON cards (question_id);
CREATE INDEX ix_quiz_asked_night_id ON quiz_asked (night_id);
CREATE INDEX ix_review_logs_learner_time ON review_logs (learner_id, reviewed_at);
CREATE INDEX ix_review_logs_question_id ON review_logs (question_id);
CREATE INDEX ix_quiz_scores_night_id ON quiz_scores (night_id);
COMMIT;
