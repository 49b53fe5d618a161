/** The statements of the settings module: map settings live in app_setting as one JSON value. */
export const SETTINGS_SQL = {
  read: `select value from app_setting where key = 'map_settings'`,
  lock: `select value from app_setting where key = 'map_settings' for update`,
  write: `insert into app_setting (key, value) values ('map_settings', ?) on conflict (key) do update set value = excluded.value`,
} as const;
