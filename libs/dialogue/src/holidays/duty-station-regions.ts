/** Where a duty station is, as the holiday library names countries (ISO 3166-1) and their regions. */
export interface StationRegion {
  country: string;
  region?: string;
}

/**
 * Every duty station of the seed (libs/persistence/seed/entities.csv), by the place whose public holidays it keeps.
 * Left out on purpose, so that only the Ethics Office's own list (the UN's published list) applies there:
 * - Beirut and Naqoura: the library has no Lebanon; Amman, Ashgabat, Baghdad, Hudaydah, Kabul: nor Jordan,
 *   Turkmenistan, Iraq, Yemen or Afghanistan (date-holidays 3.37.0);
 * - Abyei, Jerusalem, Laayoune, Pristina, Camp Faouar: the status of the place is disputed, and which country's
 *   holidays the UN keeps there is the UN's list to say, not a guess of ours.
 */
export const DUTY_STATION_REGIONS: Readonly<Record<string, StationRegion>> = {
  'Addis Ababa': { country: 'ET' },
  Bangkok: { country: 'TH' },
  Bangui: { country: 'CF' },
  Bogota: { country: 'CO' },
  Brindisi: { country: 'IT' },
  Dakar: { country: 'SN' },
  Entebbe: { country: 'UG' },
  Geneva: { country: 'CH', region: 'GE' },
  Islamabad: { country: 'PK' },
  Juba: { country: 'SS' },
  Kinshasa: { country: 'CD' },
  Mogadishu: { country: 'SO' },
  Nairobi: { country: 'KE' },
  'New York': { country: 'US', region: 'NY' },
  Nicosia: { country: 'CY' },
  'Port-au-Prince': { country: 'HT' },
  Rome: { country: 'IT' },
  Santiago: { country: 'CL' },
  Tripoli: { country: 'LY' },
  Vienna: { country: 'AT' },
};

export function regionOf(dutyStation: string): StationRegion | null {
  return DUTY_STATION_REGIONS[dutyStation.trim()] ?? null;
}
