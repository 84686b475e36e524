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
CREATE INDEX `report_enrollments_year_college` ON `report_enrollments` (`fiscal_year`,`college_id`);--> statement-breakpoint
-- report_enrollments mirrors every held place with what the training reports group by (src/server/reports/training.ts).
-- Triggers keep it in the same transaction as each write; a place is rebuilt from its sources (delete, then insert:
-- an outer INSERT OR IGNORE would turn a trigger's INSERT OR REPLACE into an ignore). The fiscal year is the one the
-- run starts in, Bangkok time (UTC+7), named by its B.E. year, as src/lib/reports/fiscal-year.ts computes it.
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
