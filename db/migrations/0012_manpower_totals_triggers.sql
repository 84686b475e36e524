-- Kept by triggers: approved demand and supply per field (and all fields, field_slug ''), year, level, province.
CREATE TRIGGER `demand_rows_totals_insert` AFTER INSERT ON `demand_rows` WHEN new.status = 'approved' BEGIN
  INSERT OR IGNORE INTO manpower_totals (field_slug, fiscal_year, level, province_code) VALUES (new.field_slug, new.fiscal_year, new.level, new.province_code);
  UPDATE manpower_totals SET demand = demand + new.positions WHERE field_slug = new.field_slug AND fiscal_year = new.fiscal_year AND level = new.level AND province_code = new.province_code;
  INSERT OR IGNORE INTO manpower_totals (field_slug, fiscal_year, level, province_code) VALUES ('', new.fiscal_year, new.level, new.province_code);
  UPDATE manpower_totals SET demand = demand + new.positions WHERE field_slug = '' AND fiscal_year = new.fiscal_year AND level = new.level AND province_code = new.province_code;
END;
--> statement-breakpoint
CREATE TRIGGER `demand_rows_totals_delete` AFTER DELETE ON `demand_rows` WHEN old.status = 'approved' BEGIN
  INSERT OR IGNORE INTO manpower_totals (field_slug, fiscal_year, level, province_code) VALUES (old.field_slug, old.fiscal_year, old.level, old.province_code);
  UPDATE manpower_totals SET demand = demand - old.positions WHERE field_slug = old.field_slug AND fiscal_year = old.fiscal_year AND level = old.level AND province_code = old.province_code;
  INSERT OR IGNORE INTO manpower_totals (field_slug, fiscal_year, level, province_code) VALUES ('', old.fiscal_year, old.level, old.province_code);
  UPDATE manpower_totals SET demand = demand - old.positions WHERE field_slug = '' AND fiscal_year = old.fiscal_year AND level = old.level AND province_code = old.province_code;
END;
--> statement-breakpoint
CREATE TRIGGER `demand_rows_totals_update_old` AFTER UPDATE ON `demand_rows` WHEN old.status = 'approved' BEGIN
  INSERT OR IGNORE INTO manpower_totals (field_slug, fiscal_year, level, province_code) VALUES (old.field_slug, old.fiscal_year, old.level, old.province_code);
  UPDATE manpower_totals SET demand = demand - old.positions WHERE field_slug = old.field_slug AND fiscal_year = old.fiscal_year AND level = old.level AND province_code = old.province_code;
  INSERT OR IGNORE INTO manpower_totals (field_slug, fiscal_year, level, province_code) VALUES ('', old.fiscal_year, old.level, old.province_code);
  UPDATE manpower_totals SET demand = demand - old.positions WHERE field_slug = '' AND fiscal_year = old.fiscal_year AND level = old.level AND province_code = old.province_code;
END;
--> statement-breakpoint
CREATE TRIGGER `demand_rows_totals_update_new` AFTER UPDATE ON `demand_rows` WHEN new.status = 'approved' BEGIN
  INSERT OR IGNORE INTO manpower_totals (field_slug, fiscal_year, level, province_code) VALUES (new.field_slug, new.fiscal_year, new.level, new.province_code);
  UPDATE manpower_totals SET demand = demand + new.positions WHERE field_slug = new.field_slug AND fiscal_year = new.fiscal_year AND level = new.level AND province_code = new.province_code;
  INSERT OR IGNORE INTO manpower_totals (field_slug, fiscal_year, level, province_code) VALUES ('', new.fiscal_year, new.level, new.province_code);
  UPDATE manpower_totals SET demand = demand + new.positions WHERE field_slug = '' AND fiscal_year = new.fiscal_year AND level = new.level AND province_code = new.province_code;
END;
--> statement-breakpoint
CREATE TRIGGER `supply_rows_totals_insert` AFTER INSERT ON `supply_rows` WHEN new.status = 'approved' BEGIN
  INSERT OR IGNORE INTO manpower_totals (field_slug, fiscal_year, level, province_code) VALUES (new.field_slug, new.fiscal_year, new.level, new.province_code);
  UPDATE manpower_totals SET supply = supply + new.graduates WHERE field_slug = new.field_slug AND fiscal_year = new.fiscal_year AND level = new.level AND province_code = new.province_code;
  INSERT OR IGNORE INTO manpower_totals (field_slug, fiscal_year, level, province_code) VALUES ('', new.fiscal_year, new.level, new.province_code);
  UPDATE manpower_totals SET supply = supply + new.graduates WHERE field_slug = '' AND fiscal_year = new.fiscal_year AND level = new.level AND province_code = new.province_code;
END;
--> statement-breakpoint
CREATE TRIGGER `supply_rows_totals_delete` AFTER DELETE ON `supply_rows` WHEN old.status = 'approved' BEGIN
  INSERT OR IGNORE INTO manpower_totals (field_slug, fiscal_year, level, province_code) VALUES (old.field_slug, old.fiscal_year, old.level, old.province_code);
  UPDATE manpower_totals SET supply = supply - old.graduates WHERE field_slug = old.field_slug AND fiscal_year = old.fiscal_year AND level = old.level AND province_code = old.province_code;
  INSERT OR IGNORE INTO manpower_totals (field_slug, fiscal_year, level, province_code) VALUES ('', old.fiscal_year, old.level, old.province_code);
  UPDATE manpower_totals SET supply = supply - old.graduates WHERE field_slug = '' AND fiscal_year = old.fiscal_year AND level = old.level AND province_code = old.province_code;
END;
--> statement-breakpoint
CREATE TRIGGER `supply_rows_totals_update_old` AFTER UPDATE ON `supply_rows` WHEN old.status = 'approved' BEGIN
  INSERT OR IGNORE INTO manpower_totals (field_slug, fiscal_year, level, province_code) VALUES (old.field_slug, old.fiscal_year, old.level, old.province_code);
  UPDATE manpower_totals SET supply = supply - old.graduates WHERE field_slug = old.field_slug AND fiscal_year = old.fiscal_year AND level = old.level AND province_code = old.province_code;
  INSERT OR IGNORE INTO manpower_totals (field_slug, fiscal_year, level, province_code) VALUES ('', old.fiscal_year, old.level, old.province_code);
  UPDATE manpower_totals SET supply = supply - old.graduates WHERE field_slug = '' AND fiscal_year = old.fiscal_year AND level = old.level AND province_code = old.province_code;
END;
--> statement-breakpoint
CREATE TRIGGER `supply_rows_totals_update_new` AFTER UPDATE ON `supply_rows` WHEN new.status = 'approved' BEGIN
  INSERT OR IGNORE INTO manpower_totals (field_slug, fiscal_year, level, province_code) VALUES (new.field_slug, new.fiscal_year, new.level, new.province_code);
  UPDATE manpower_totals SET supply = supply + new.graduates WHERE field_slug = new.field_slug AND fiscal_year = new.fiscal_year AND level = new.level AND province_code = new.province_code;
  INSERT OR IGNORE INTO manpower_totals (field_slug, fiscal_year, level, province_code) VALUES ('', new.fiscal_year, new.level, new.province_code);
  UPDATE manpower_totals SET supply = supply + new.graduates WHERE field_slug = '' AND fiscal_year = new.fiscal_year AND level = new.level AND province_code = new.province_code;
END;
--> statement-breakpoint
INSERT INTO manpower_totals (field_slug, fiscal_year, level, province_code, demand) SELECT field_slug, fiscal_year, level, province_code, sum(positions) FROM `demand_rows` WHERE status = 'approved' GROUP BY 1, 2, 3, 4 ON CONFLICT (field_slug, fiscal_year, level, province_code) DO UPDATE SET demand = demand + excluded.demand;
--> statement-breakpoint
INSERT INTO manpower_totals (field_slug, fiscal_year, level, province_code, demand) SELECT '', fiscal_year, level, province_code, sum(positions) FROM `demand_rows` WHERE status = 'approved' GROUP BY 1, 2, 3, 4 ON CONFLICT (field_slug, fiscal_year, level, province_code) DO UPDATE SET demand = demand + excluded.demand;
--> statement-breakpoint
INSERT INTO manpower_totals (field_slug, fiscal_year, level, province_code, supply) SELECT field_slug, fiscal_year, level, province_code, sum(graduates) FROM `supply_rows` WHERE status = 'approved' GROUP BY 1, 2, 3, 4 ON CONFLICT (field_slug, fiscal_year, level, province_code) DO UPDATE SET supply = supply + excluded.supply;
--> statement-breakpoint
INSERT INTO manpower_totals (field_slug, fiscal_year, level, province_code, supply) SELECT '', fiscal_year, level, province_code, sum(graduates) FROM `supply_rows` WHERE status = 'approved' GROUP BY 1, 2, 3, 4 ON CONFLICT (field_slug, fiscal_year, level, province_code) DO UPDATE SET supply = supply + excluded.supply;
