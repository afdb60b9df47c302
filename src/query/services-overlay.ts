/**
 * France services and MSAP open on 31 December of a year, for the map overlay (columns: id, type,
 * name, commune_code, lon, lat; true WGS84 positions). Public places: no confidentiality rule applies.
 */
import { sqlInteger } from './sql';

export function servicesOpenAt(year: number): string {
  const end = `MAKE_DATE(${sqlInteger(year)}, 12, 31)`;
  return `SELECT id, type, name, commune_code, lon, lat
FROM services
WHERE type IN ('france_services', 'msap') AND opened <= ${end} AND (closed IS NULL OR closed > ${end})
ORDER BY id`;
}
