CREATE TABLE `report_college_totals` (
	`fiscal_year` integer NOT NULL,
	`college_key` integer NOT NULL,
	`audience` text NOT NULL,
	`enrolled` integer DEFAULT 0 NOT NULL,
	`completed` integer DEFAULT 0 NOT NULL,
	`certified` integer DEFAULT 0 NOT NULL,
	`score_sum` real DEFAULT 0 NOT NULL,
	`scored` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`fiscal_year`, `college_key`, `audience`)
);
--> statement-breakpoint
CREATE TABLE `report_course_totals` (
	`fiscal_year` integer NOT NULL,
	`course_slug` text NOT NULL,
	`audience` text NOT NULL,
	`enrolled` integer DEFAULT 0 NOT NULL,
	`completed` integer DEFAULT 0 NOT NULL,
	`certified` integer DEFAULT 0 NOT NULL,
	`score_sum` real DEFAULT 0 NOT NULL,
	`scored` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`fiscal_year`, `course_slug`, `audience`)
);
--> statement-breakpoint
CREATE TABLE `report_enrollments` (
	`run_id` integer NOT NULL,
	`user_id` integer NOT NULL,
	`course_slug` text NOT NULL,
	`fiscal_year` integer NOT NULL,
	`audience` text NOT NULL,
	`college_id` integer,
	`enrolled_at` integer,
	`completed_at` integer,
	`certified` integer NOT NULL,
	`score` real
);
--> statement-breakpoint
CREATE UNIQUE INDEX `report_enrollments_run_user` ON `report_enrollments` (`run_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `report_enrollments_user` ON `report_enrollments` (`user_id`);--> statement-breakpoint
CREATE INDEX `report_enrollments_year` ON `report_enrollments` (`fiscal_year`,`course_slug`,`audience`,`college_id`,`completed_at`,`certified`,`score`,`enrolled_at`,`run_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `report_month_totals` (
	`fiscal_year` integer NOT NULL,
	`course_slug` text NOT NULL,
	`audience` text NOT NULL,
	`month` text NOT NULL,
	`enrolled` integer DEFAULT 0 NOT NULL,
	`completed` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`fiscal_year`, `course_slug`, `audience`, `month`)
);
--> statement-breakpoint
-- report_enrollments mirrors every held place with what the training reports group by (src/server/reports/training.ts).
-- Triggers keep it in the same transaction as each write; a place is rebuilt from its sources by a delete, then an
-- insert (an outer INSERT OR IGNORE would turn a trigger's INSERT OR REPLACE into an ignore). The fiscal year is the
-- one the run starts in, Bangkok time (UTC+7), named by its B.E. year, as src/lib/reports/fiscal-year.ts computes it.
CREATE TRIGGER `report_enrollments_enroll` AFTER INSERT ON `enrollments` BEGIN
  DELETE FROM report_enrollments WHERE run_id = new.run_id AND user_id = new.user_id;
  INSERT INTO report_enrollments (run_id, user_id, course_slug, fiscal_year, audience, college_id, enrolled_at, completed_at, certified, score)
    SELECT e.run_id, e.user_id, r.course_slug, (cast(strftime('%Y', (r.starts_on + 25200000) / 1000, 'unixepoch') as integer) + (strftime('%m', (r.starts_on + 25200000) / 1000, 'unixepoch') >= '10') + 543), (case when u.role = 'teacher' then 'teachers' when u.role = 'student' and u.student_level in ('vc', 'hvc', 'btech') then 'students' else 'public' end), u.college_id, e.enrolled_at,
      (SELECT c.completed_at FROM completions c WHERE c.run_id = e.run_id AND c.user_id = e.user_id),
      EXISTS (SELECT 1 FROM certificates ct WHERE ct.run_id = e.run_id AND ct.user_id = e.user_id AND ct.revoked_at IS NULL),
      (SELECT avg(a.best_score) FROM activity_results a WHERE a.run_id = e.run_id AND a.user_id = e.user_id)
    FROM enrollments e JOIN course_runs r ON r.id = e.run_id JOIN users u ON u.id = e.user_id
    WHERE e.status = 'enrolled' AND e.run_id = new.run_id AND e.user_id = new.user_id;
END;
--> statement-breakpoint
CREATE TRIGGER `report_enrollments_enrollment_update` AFTER UPDATE ON `enrollments` BEGIN
  DELETE FROM report_enrollments WHERE run_id = old.run_id AND user_id = old.user_id;
  DELETE FROM report_enrollments WHERE run_id = new.run_id AND user_id = new.user_id;
  INSERT INTO report_enrollments (run_id, user_id, course_slug, fiscal_year, audience, college_id, enrolled_at, completed_at, certified, score)
    SELECT e.run_id, e.user_id, r.course_slug, (cast(strftime('%Y', (r.starts_on + 25200000) / 1000, 'unixepoch') as integer) + (strftime('%m', (r.starts_on + 25200000) / 1000, 'unixepoch') >= '10') + 543), (case when u.role = 'teacher' then 'teachers' when u.role = 'student' and u.student_level in ('vc', 'hvc', 'btech') then 'students' else 'public' end), u.college_id, e.enrolled_at,
      (SELECT c.completed_at FROM completions c WHERE c.run_id = e.run_id AND c.user_id = e.user_id),
      EXISTS (SELECT 1 FROM certificates ct WHERE ct.run_id = e.run_id AND ct.user_id = e.user_id AND ct.revoked_at IS NULL),
      (SELECT avg(a.best_score) FROM activity_results a WHERE a.run_id = e.run_id AND a.user_id = e.user_id)
    FROM enrollments e JOIN course_runs r ON r.id = e.run_id JOIN users u ON u.id = e.user_id
    WHERE e.status = 'enrolled' AND e.run_id = new.run_id AND e.user_id = new.user_id;
END;
--> statement-breakpoint
CREATE TRIGGER `report_enrollments_enrollment_delete` AFTER DELETE ON `enrollments` BEGIN
  DELETE FROM report_enrollments WHERE run_id = old.run_id AND user_id = old.user_id;
END;
--> statement-breakpoint
CREATE TRIGGER `report_enrollments_completions_insert` AFTER INSERT ON `completions` BEGIN
  UPDATE report_enrollments SET completed_at = (SELECT c.completed_at FROM completions c WHERE c.run_id = new.run_id AND c.user_id = new.user_id) WHERE run_id = new.run_id AND user_id = new.user_id;
END;
--> statement-breakpoint
CREATE TRIGGER `report_enrollments_completions_update` AFTER UPDATE ON `completions` BEGIN
  UPDATE report_enrollments SET completed_at = (SELECT c.completed_at FROM completions c WHERE c.run_id = old.run_id AND c.user_id = old.user_id) WHERE run_id = old.run_id AND user_id = old.user_id;
  UPDATE report_enrollments SET completed_at = (SELECT c.completed_at FROM completions c WHERE c.run_id = new.run_id AND c.user_id = new.user_id) WHERE run_id = new.run_id AND user_id = new.user_id;
END;
--> statement-breakpoint
CREATE TRIGGER `report_enrollments_completions_delete` AFTER DELETE ON `completions` BEGIN
  UPDATE report_enrollments SET completed_at = (SELECT c.completed_at FROM completions c WHERE c.run_id = old.run_id AND c.user_id = old.user_id) WHERE run_id = old.run_id AND user_id = old.user_id;
END;
--> statement-breakpoint
CREATE TRIGGER `report_enrollments_certificates_insert` AFTER INSERT ON `certificates` BEGIN
  UPDATE report_enrollments SET certified = EXISTS (SELECT 1 FROM certificates ct WHERE ct.run_id = new.run_id AND ct.user_id = new.user_id AND ct.revoked_at IS NULL) WHERE run_id = new.run_id AND user_id = new.user_id;
END;
--> statement-breakpoint
CREATE TRIGGER `report_enrollments_certificates_update` AFTER UPDATE ON `certificates` BEGIN
  UPDATE report_enrollments SET certified = EXISTS (SELECT 1 FROM certificates ct WHERE ct.run_id = old.run_id AND ct.user_id = old.user_id AND ct.revoked_at IS NULL) WHERE run_id = old.run_id AND user_id = old.user_id;
  UPDATE report_enrollments SET certified = EXISTS (SELECT 1 FROM certificates ct WHERE ct.run_id = new.run_id AND ct.user_id = new.user_id AND ct.revoked_at IS NULL) WHERE run_id = new.run_id AND user_id = new.user_id;
END;
--> statement-breakpoint
CREATE TRIGGER `report_enrollments_certificates_delete` AFTER DELETE ON `certificates` BEGIN
  UPDATE report_enrollments SET certified = EXISTS (SELECT 1 FROM certificates ct WHERE ct.run_id = old.run_id AND ct.user_id = old.user_id AND ct.revoked_at IS NULL) WHERE run_id = old.run_id AND user_id = old.user_id;
END;
--> statement-breakpoint
CREATE TRIGGER `report_enrollments_activity_results_insert` AFTER INSERT ON `activity_results` BEGIN
  UPDATE report_enrollments SET score = (SELECT avg(a.best_score) FROM activity_results a WHERE a.run_id = new.run_id AND a.user_id = new.user_id) WHERE run_id = new.run_id AND user_id = new.user_id;
END;
--> statement-breakpoint
CREATE TRIGGER `report_enrollments_activity_results_update` AFTER UPDATE ON `activity_results` BEGIN
  UPDATE report_enrollments SET score = (SELECT avg(a.best_score) FROM activity_results a WHERE a.run_id = old.run_id AND a.user_id = old.user_id) WHERE run_id = old.run_id AND user_id = old.user_id;
  UPDATE report_enrollments SET score = (SELECT avg(a.best_score) FROM activity_results a WHERE a.run_id = new.run_id AND a.user_id = new.user_id) WHERE run_id = new.run_id AND user_id = new.user_id;
END;
--> statement-breakpoint
CREATE TRIGGER `report_enrollments_activity_results_delete` AFTER DELETE ON `activity_results` BEGIN
  UPDATE report_enrollments SET score = (SELECT avg(a.best_score) FROM activity_results a WHERE a.run_id = old.run_id AND a.user_id = old.user_id) WHERE run_id = old.run_id AND user_id = old.user_id;
END;
--> statement-breakpoint
CREATE TRIGGER `report_enrollments_learner_update` AFTER UPDATE OF role, student_level, college_id ON `users` BEGIN
  UPDATE report_enrollments SET audience = (case when new.role = 'teacher' then 'teachers' when new.role = 'student' and new.student_level in ('vc', 'hvc', 'btech') then 'students' else 'public' end), college_id = new.college_id WHERE user_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `report_enrollments_learner_delete` AFTER DELETE ON `users` BEGIN
  DELETE FROM report_enrollments WHERE user_id = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `report_enrollments_run_update` AFTER UPDATE OF course_slug, starts_on ON `course_runs` BEGIN
  UPDATE report_enrollments SET course_slug = new.course_slug, fiscal_year = (cast(strftime('%Y', (new.starts_on + 25200000) / 1000, 'unixepoch') as integer) + (strftime('%m', (new.starts_on + 25200000) / 1000, 'unixepoch') >= '10') + 543) WHERE run_id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER `report_enrollments_run_delete` AFTER DELETE ON `course_runs` BEGIN
  DELETE FROM report_enrollments WHERE run_id = old.id;
END;
--> statement-breakpoint
INSERT INTO report_enrollments (run_id, user_id, course_slug, fiscal_year, audience, college_id, enrolled_at, completed_at, certified, score)
    SELECT e.run_id, e.user_id, r.course_slug, (cast(strftime('%Y', (r.starts_on + 25200000) / 1000, 'unixepoch') as integer) + (strftime('%m', (r.starts_on + 25200000) / 1000, 'unixepoch') >= '10') + 543), (case when u.role = 'teacher' then 'teachers' when u.role = 'student' and u.student_level in ('vc', 'hvc', 'btech') then 'students' else 'public' end), u.college_id, e.enrolled_at,
      (SELECT c.completed_at FROM completions c WHERE c.run_id = e.run_id AND c.user_id = e.user_id),
      EXISTS (SELECT 1 FROM certificates ct WHERE ct.run_id = e.run_id AND ct.user_id = e.user_id AND ct.revoked_at IS NULL),
      (SELECT avg(a.best_score) FROM activity_results a WHERE a.run_id = e.run_id AND a.user_id = e.user_id)
    FROM enrollments e JOIN course_runs r ON r.id = e.run_id JOIN users u ON u.id = e.user_id
    WHERE e.status = 'enrolled';
--> statement-breakpoint
-- The rollups of report_enrollments (per course, per college, per month), filled once here, then kept by its triggers.
INSERT INTO report_course_totals (fiscal_year, course_slug, audience, enrolled, completed, certified, score_sum, scored) SELECT fiscal_year, course_slug, audience, count(*), count(completed_at), sum(certified), coalesce(sum(score), 0), count(score) FROM report_enrollments GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO report_college_totals (fiscal_year, college_key, audience, enrolled, completed, certified, score_sum, scored) SELECT fiscal_year, coalesce(college_id, 0), audience, count(*), count(completed_at), sum(certified), coalesce(sum(score), 0), count(score) FROM report_enrollments GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO report_month_totals (fiscal_year, course_slug, audience, month, enrolled, completed)
  SELECT fiscal_year, course_slug, audience, month, sum(enrolled), sum(completed) FROM (
    SELECT fiscal_year, course_slug, audience, strftime('%Y-%m', (enrolled_at + 25200000) / 1000, 'unixepoch') AS month, 1 AS enrolled, 0 AS completed FROM report_enrollments WHERE enrolled_at IS NOT NULL
    UNION ALL SELECT fiscal_year, course_slug, audience, strftime('%Y-%m', (completed_at + 25200000) / 1000, 'unixepoch'), 0, 1 FROM report_enrollments WHERE completed_at IS NOT NULL)
  GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
CREATE TRIGGER `report_rollups_insert` AFTER INSERT ON `report_enrollments` BEGIN
  INSERT INTO report_course_totals (fiscal_year, course_slug, audience, enrolled, completed, certified, score_sum, scored) VALUES (new.fiscal_year, new.course_slug, new.audience, 1, (new.completed_at IS NOT NULL), new.certified, coalesce(new.score, 0), (new.score IS NOT NULL))
    ON CONFLICT (fiscal_year, course_slug, audience) DO UPDATE SET enrolled = enrolled + excluded.enrolled, completed = completed + excluded.completed, certified = certified + excluded.certified, score_sum = score_sum + excluded.score_sum, scored = scored + excluded.scored;
  INSERT INTO report_college_totals (fiscal_year, college_key, audience, enrolled, completed, certified, score_sum, scored) VALUES (new.fiscal_year, coalesce(new.college_id, 0), new.audience, 1, (new.completed_at IS NOT NULL), new.certified, coalesce(new.score, 0), (new.score IS NOT NULL))
    ON CONFLICT (fiscal_year, college_key, audience) DO UPDATE SET enrolled = enrolled + excluded.enrolled, completed = completed + excluded.completed, certified = certified + excluded.certified, score_sum = score_sum + excluded.score_sum, scored = scored + excluded.scored;
  INSERT INTO report_month_totals (fiscal_year, course_slug, audience, month, enrolled, completed) SELECT new.fiscal_year, new.course_slug, new.audience, strftime('%Y-%m', (new.enrolled_at + 25200000) / 1000, 'unixepoch'), 1, 0 WHERE new.enrolled_at IS NOT NULL
    ON CONFLICT (fiscal_year, course_slug, audience, month) DO UPDATE SET enrolled = enrolled + excluded.enrolled;
  INSERT INTO report_month_totals (fiscal_year, course_slug, audience, month, enrolled, completed) SELECT new.fiscal_year, new.course_slug, new.audience, strftime('%Y-%m', (new.completed_at + 25200000) / 1000, 'unixepoch'), 0, 1 WHERE new.completed_at IS NOT NULL
    ON CONFLICT (fiscal_year, course_slug, audience, month) DO UPDATE SET completed = completed + excluded.completed;
END;
--> statement-breakpoint
CREATE TRIGGER `report_rollups_update` AFTER UPDATE ON `report_enrollments` BEGIN
  INSERT INTO report_course_totals (fiscal_year, course_slug, audience, enrolled, completed, certified, score_sum, scored) VALUES (old.fiscal_year, old.course_slug, old.audience, -1, -(old.completed_at IS NOT NULL), -old.certified, -coalesce(old.score, 0), -(old.score IS NOT NULL))
    ON CONFLICT (fiscal_year, course_slug, audience) DO UPDATE SET enrolled = enrolled + excluded.enrolled, completed = completed + excluded.completed, certified = certified + excluded.certified, score_sum = score_sum + excluded.score_sum, scored = scored + excluded.scored;
  INSERT INTO report_college_totals (fiscal_year, college_key, audience, enrolled, completed, certified, score_sum, scored) VALUES (old.fiscal_year, coalesce(old.college_id, 0), old.audience, -1, -(old.completed_at IS NOT NULL), -old.certified, -coalesce(old.score, 0), -(old.score IS NOT NULL))
    ON CONFLICT (fiscal_year, college_key, audience) DO UPDATE SET enrolled = enrolled + excluded.enrolled, completed = completed + excluded.completed, certified = certified + excluded.certified, score_sum = score_sum + excluded.score_sum, scored = scored + excluded.scored;
  INSERT INTO report_month_totals (fiscal_year, course_slug, audience, month, enrolled, completed) SELECT old.fiscal_year, old.course_slug, old.audience, strftime('%Y-%m', (old.enrolled_at + 25200000) / 1000, 'unixepoch'), -1, 0 WHERE old.enrolled_at IS NOT NULL
    ON CONFLICT (fiscal_year, course_slug, audience, month) DO UPDATE SET enrolled = enrolled + excluded.enrolled;
  INSERT INTO report_month_totals (fiscal_year, course_slug, audience, month, enrolled, completed) SELECT old.fiscal_year, old.course_slug, old.audience, strftime('%Y-%m', (old.completed_at + 25200000) / 1000, 'unixepoch'), 0, -1 WHERE old.completed_at IS NOT NULL
    ON CONFLICT (fiscal_year, course_slug, audience, month) DO UPDATE SET completed = completed + excluded.completed;
  INSERT INTO report_course_totals (fiscal_year, course_slug, audience, enrolled, completed, certified, score_sum, scored) VALUES (new.fiscal_year, new.course_slug, new.audience, 1, (new.completed_at IS NOT NULL), new.certified, coalesce(new.score, 0), (new.score IS NOT NULL))
    ON CONFLICT (fiscal_year, course_slug, audience) DO UPDATE SET enrolled = enrolled + excluded.enrolled, completed = completed + excluded.completed, certified = certified + excluded.certified, score_sum = score_sum + excluded.score_sum, scored = scored + excluded.scored;
  INSERT INTO report_college_totals (fiscal_year, college_key, audience, enrolled, completed, certified, score_sum, scored) VALUES (new.fiscal_year, coalesce(new.college_id, 0), new.audience, 1, (new.completed_at IS NOT NULL), new.certified, coalesce(new.score, 0), (new.score IS NOT NULL))
    ON CONFLICT (fiscal_year, college_key, audience) DO UPDATE SET enrolled = enrolled + excluded.enrolled, completed = completed + excluded.completed, certified = certified + excluded.certified, score_sum = score_sum + excluded.score_sum, scored = scored + excluded.scored;
  INSERT INTO report_month_totals (fiscal_year, course_slug, audience, month, enrolled, completed) SELECT new.fiscal_year, new.course_slug, new.audience, strftime('%Y-%m', (new.enrolled_at + 25200000) / 1000, 'unixepoch'), 1, 0 WHERE new.enrolled_at IS NOT NULL
    ON CONFLICT (fiscal_year, course_slug, audience, month) DO UPDATE SET enrolled = enrolled + excluded.enrolled;
  INSERT INTO report_month_totals (fiscal_year, course_slug, audience, month, enrolled, completed) SELECT new.fiscal_year, new.course_slug, new.audience, strftime('%Y-%m', (new.completed_at + 25200000) / 1000, 'unixepoch'), 0, 1 WHERE new.completed_at IS NOT NULL
    ON CONFLICT (fiscal_year, course_slug, audience, month) DO UPDATE SET completed = completed + excluded.completed;
END;
--> statement-breakpoint
CREATE TRIGGER `report_rollups_delete` AFTER DELETE ON `report_enrollments` BEGIN
  INSERT INTO report_course_totals (fiscal_year, course_slug, audience, enrolled, completed, certified, score_sum, scored) VALUES (old.fiscal_year, old.course_slug, old.audience, -1, -(old.completed_at IS NOT NULL), -old.certified, -coalesce(old.score, 0), -(old.score IS NOT NULL))
    ON CONFLICT (fiscal_year, course_slug, audience) DO UPDATE SET enrolled = enrolled + excluded.enrolled, completed = completed + excluded.completed, certified = certified + excluded.certified, score_sum = score_sum + excluded.score_sum, scored = scored + excluded.scored;
  INSERT INTO report_college_totals (fiscal_year, college_key, audience, enrolled, completed, certified, score_sum, scored) VALUES (old.fiscal_year, coalesce(old.college_id, 0), old.audience, -1, -(old.completed_at IS NOT NULL), -old.certified, -coalesce(old.score, 0), -(old.score IS NOT NULL))
    ON CONFLICT (fiscal_year, college_key, audience) DO UPDATE SET enrolled = enrolled + excluded.enrolled, completed = completed + excluded.completed, certified = certified + excluded.certified, score_sum = score_sum + excluded.score_sum, scored = scored + excluded.scored;
  INSERT INTO report_month_totals (fiscal_year, course_slug, audience, month, enrolled, completed) SELECT old.fiscal_year, old.course_slug, old.audience, strftime('%Y-%m', (old.enrolled_at + 25200000) / 1000, 'unixepoch'), -1, 0 WHERE old.enrolled_at IS NOT NULL
    ON CONFLICT (fiscal_year, course_slug, audience, month) DO UPDATE SET enrolled = enrolled + excluded.enrolled;
  INSERT INTO report_month_totals (fiscal_year, course_slug, audience, month, enrolled, completed) SELECT old.fiscal_year, old.course_slug, old.audience, strftime('%Y-%m', (old.completed_at + 25200000) / 1000, 'unixepoch'), 0, -1 WHERE old.completed_at IS NOT NULL
    ON CONFLICT (fiscal_year, course_slug, audience, month) DO UPDATE SET completed = completed + excluded.completed;
END;
