-- Work plans (ADR 0026): pages that show them are dropped from every instance's cache on any change
-- (ADR 0009), and the Joint Programme of Work's overarching priorities are seeded from the 2022 report.
CREATE TRIGGER work_plans_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON work_plans
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();--> statement-breakpoint
CREATE TRIGGER work_plan_outputs_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON work_plan_outputs
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();--> statement-breakpoint
CREATE TRIGGER work_plan_activities_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON work_plan_activities
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();--> statement-breakpoint
CREATE TRIGGER work_plan_updates_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON work_plan_updates
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();--> statement-breakpoint
CREATE TRIGGER work_plan_evidence_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON work_plan_evidence
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();--> statement-breakpoint
CREATE TRIGGER jpow_priorities_data_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON jpow_priorities
  FOR EACH STATEMENT EXECUTE FUNCTION notify_data_changed();--> statement-breakpoint
-- The Joint Programme of Work 2022-2023, adopted in June 2022: the report names its first overarching
-- priority and that priority's six lines (i)-(vi); the text of the other two was lost when the report was
-- extracted from its PDF, so priorities 2 and 3 are reconstructed from the report's other sections.
INSERT INTO jpow_priorities (programme, code, name, sort_order) VALUES
  ('2022-2023', '1', '{"en": "Enhancing engagement and coordination in supporting Member States", "fr": "Renforcer l''engagement et la coordination dans l''appui aux États Membres", "ar": "تعزيز المشاركة والتنسيق في دعم الدول الأعضاء"}', 10),
  ('2022-2023', '1.i', '{"en": "A dedicated page of the Coordination Platform for Member States'' counter-terrorism priorities, good practices and challenges", "fr": "Une page de la Plateforme de coordination consacrée aux priorités, bonnes pratiques et difficultés des États Membres en matière de lutte antiterroriste", "ar": "صفحة مخصصة في منصة التنسيق لأولويات الدول الأعضاء في مكافحة الإرهاب وممارساتها الجيدة والتحديات التي تواجهها"}', 11),
  ('2022-2023', '1.ii', '{"en": "Increased use of CTED recommendations", "fr": "Utilisation accrue des recommandations de la DECT", "ar": "زيادة الاستفادة من توصيات المديرية التنفيذية للجنة مكافحة الإرهاب"}', 12),
  ('2022-2023', '1.iii', '{"en": "National and regional counter-terrorism strategies and PCVE plans of action", "fr": "Stratégies nationales et régionales de lutte antiterroriste et plans d''action de prévention de l''extrémisme violent", "ar": "الاستراتيجيات الوطنية والإقليمية لمكافحة الإرهاب وخطط العمل لمنع التطرف العنيف ومكافحته"}', 13),
  ('2022-2023', '1.iv', '{"en": "Member States'' briefings in the Coordination Committee and working group meetings", "fr": "Exposés des États Membres au Comité de coordination et aux réunions des groupes de travail", "ar": "إحاطات الدول الأعضاء في لجنة التنسيق واجتماعات الأفرقة العاملة"}', 14),
  ('2022-2023', '1.v', '{"en": "Rule of law, gender equality, human rights and humanitarian action in Member States'' efforts and United Nations capacity-building", "fr": "État de droit, égalité des genres, droits humains et action humanitaire dans les efforts des États Membres et l''appui des Nations Unies", "ar": "سيادة القانون والمساواة بين الجنسين وحقوق الإنسان والعمل الإنساني في جهود الدول الأعضاء وبناء القدرات في الأمم المتحدة"}', 15),
  ('2022-2023', '1.vi', '{"en": "Tackling the misuse of new and emerging technologies", "fr": "Lutter contre l''utilisation abusive des technologies nouvelles et émergentes", "ar": "التصدي لإساءة استخدام التكنولوجيات الجديدة والناشئة"}', 16),
  ('2022-2023', '2', '{"en": "Strengthening joint programming, resource mobilization, and monitoring and evaluation", "fr": "Renforcer la programmation conjointe, la mobilisation des ressources, le suivi et l''évaluation", "ar": "تعزيز البرمجة المشتركة وتعبئة الموارد والرصد والتقييم"}', 20),
  ('2022-2023', '3', '{"en": "Raising the visibility of the Compact through communication and outreach", "fr": "Accroître la visibilité du Pacte par la communication et la sensibilisation", "ar": "تعزيز إبراز الاتفاق من خلال التواصل والتوعية"}', 30);
