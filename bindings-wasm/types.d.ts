/** A date as `YYYY-MM-DD`. */
export type IsoDate = string;
/** User-interface language. */
export type Lang = "sq" | "en";
/** A label in Albanian and English. */
export interface Text { sq: string; en: string }
export interface DateRange { start: IsoDate; end: IsoDate }

export type ParticipantRule = { more_than: number } | { at_least: number } | { between: { min: number; max: number } };
export type SessionKind = "committee_meeting" | "workshop" | "civil_society_meeting" | "education_staff_meeting" | "employment_office_meeting" | "school_session" | "public_event" | "other";
export type Venue = "institution" | "school" | "public_space";
export type Repeat = { times: number } | { parameter: string };
/** Where a value comes from: a source id, and the fields no source states (assumptions). */
export interface Provenance { source: string; assumed?: string[] }

export interface TemplateSession {
  id: string; kind: SessionKind; title: Text; venue: Venue; audiences?: string[];
  rule?: ParticipantRule; planned_participants?: number; materials?: Record<string, number>;
  start?: string; duration_minutes?: number; repeat?: Repeat; note?: Text; topics?: Text[]; timetable_by?: string;
  provenance?: Provenance;
}
export interface TemplateDay { sessions: TemplateSession[] }
export interface EventTemplate { id: string; name: Text; parameters?: Record<string, number>; days: TemplateDay[]; provenance?: Provenance }

/** A population figure: census count or estimate, its reference day (ISO date) and source. */
export interface PopulationFigure { year: number; value: number; kind?: 'census' | 'estimate'; date?: string; by?: string; source: string }
export interface County {
  code: string; name_sq: string; name_en: string; seat: string; aliases?: string[];
  lat: number; lon: number; population?: PopulationFigure[];
}
export interface RegionSetData { country: string; name: Text; sources?: Record<string, string>; regions: County[] }

export interface Round { id: string; label?: Text; period?: DateRange }
export interface Team { id: string; name?: string }
export interface Person { id: string; name: string }
export interface Audience { id: string; label: Text; provenance?: Provenance }
export interface Material { id: string; label: Text; stock: number; note?: Text }
export interface Slot { label: string; start?: string }

/** A county visit: a template instantiated in a window of days. */
export interface Visit {
  id?: string; county: string; first_day: IsoDate; last_day: IsoDate; team?: string; round?: string;
  template?: string; day_dates?: IsoDate[]; parameters?: Record<string, number>;
  timetable?: Record<string, Slot[]>; invitations?: Record<string, number>; people?: string[]; note?: string; timetable_confirmed?: boolean;
}

/** A campaign document, format v1 (JSON Schema: campaign-core/schema/campaign.schema.json). */
export interface CampaignDocument {
  format_version: 1; name: Text; aim?: Text; sources?: Record<string, string>; provenance?: Provenance; organisers?: string[]; partners?: string[]; period?: DateRange;
  regions?: RegionSetData; scope?: string[]; rounds?: Round[]; teams?: Team[]; people?: Person[];
  audiences?: Audience[]; templates?: EventTemplate[]; default_template?: string; materials?: Material[];
  visits: Visit[];
}

export type Severity = "error" | "warning" | "info";
export type RuleCode =
  | "TEAM_OVERLAP" | "PERSON_DOUBLE_BOOKED" | "COUNTY_REPEATED" | "COUNTY_NOT_COVERED" | "WINDOW_TOO_SHORT"
  | "WINDOW_LONGER" | "PUBLIC_HOLIDAY" | "HOLIDAY_NEAR_VISIT" | "BLACKOUT_DATE" | "WEEKEND"
  | "OUTSIDE_SCHOOL_CALENDAR" | "TRAVEL_TIME" | "THRESHOLD_AT_RISK" | "MATERIAL_SHORTAGE" | "OUTSIDE_PERIOD" | "OUTSIDE_ROUND"
  | "TIMETABLE_NOT_CONFIRMED";

export interface Holiday { date: IsoDate; name: Text; kind: "official" | "observed" | "extra"; estimated: boolean }
/** The machine-readable part of a finding (campaign-core's `checks::Details`); null when the rule has none. */
export type Details =
  | null
  | { round: string | null; count: number }                            // COUNTY_REPEATED
  | { missing: string[]; next_round: string | null }                   // COUNTY_NOT_COVERED
  | { window_days: number; template_days: number }                     // WINDOW_TOO_SHORT, WINDOW_LONGER
  | { period: DateRange }                                              // OUTSIDE_PERIOD
  | { round: string; period: DateRange }                               // OUTSIDE_ROUND
  | { holidays: Holiday[] }                                            // PUBLIC_HOLIDAY, HOLIDAY_NEAR_VISIT
  | { blackout: { start: IsoDate; end: IsoDate; reason: Text } }       // BLACKOUT_DATE
  | { school_year: SchoolYear }                                        // OUTSIDE_SCHOOL_CALENDAR
  | { km: number; hours_needed: number; hours_available: number; gap_days: number } // TRAVEL_TIME
  | { rule: ParticipantRule; planned: number; short_by: number }      // THRESHOLD_AT_RISK
  | { material: string; planned: number; stock: number; short_by: number } // MATERIAL_SHORTAGE
  | { team: string | null; overlap_start: IsoDate; overlap_end: IsoDate } // TEAM_OVERLAP
  | { person: string }                                                 // PERSON_DOUBLE_BOOKED
  | { set_by: string; as_of: IsoDate; days_left: number; notice_days: number } // TIMETABLE_NOT_CONFIRMED
  | { omitted: number; limit: number };                                // any rule past max_findings_per_rule
export interface Finding {
  code: RuleCode; severity: Severity; visits: string[]; visit_indices: number[]; sessions: string[];
  people: string[]; counties: string[]; days: IsoDate[]; message: Text; details: Details;
}
/** What a list shows of a finding at first (`CompactReport.briefsAt`). */
export interface Brief { code: RuleCode; severity: Severity; message: Text; visit_indices: number[] }
export interface Counts { error: number; warning: number; info: number }
export interface Report {
  campaign: Text; visits: number; sessions: number; findings: Finding[]; counts: Counts;
}

export interface SchoolYear { start: IsoDate; end: IsoDate; breaks?: DateRange[] }
export interface CheckOptions {
  disabled?: RuleCode[]; severities?: Partial<Record<RuleCode, Severity>>;
  extra_holidays?: { date: IsoDate; name?: Text | null }[];
  blackouts?: { start: IsoDate; end: IsoDate; reason: Text }[];
  school_years?: SchoolYear[];
  travel?: { road_factor?: number; speed_kmh?: number; overnight_hours?: number; working_hours?: number; distances?: { from: string; to: string; km: number }[] };
  /** Findings listed per rule (the rest are counted); null lists all. Default 10000. */
  max_findings_per_rule?: number | null;
  /** The day the plan is checked for (TIMETABLE_NOT_CONFIRMED); never the wall clock. */
  as_of?: IsoDate;
  /** Days of notice a stakeholder's timetable needs (default 14, at most 366). */
  timetable_notice_days?: number;
}

export type Strategy = "equal" | { population: { year: number } } | { weights: Record<string, number> } | { fixed: Record<string, number> };
export interface AllocationRequest { stock: number; strategy: Strategy; minimum?: number; pack?: number; counties?: string[] | null }
export interface Share { county: string; name: string; quantity: number; weight: number; explanation: Text }
export interface Allocation { stock: number; pack: number; reserve: number; shares: Share[] }

export type Weekday = "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday";
export interface PlanTeam { id: string; home?: string; people?: string[] }
export interface Absence { person: string; start: IsoDate; end: IsoDate; reason?: string }
/** What to plan (every field optional): see the core's `PlanRequest`. */
export interface PlanRequest {
  counties?: string[]; window?: DateRange; template?: string; round?: string; teams?: PlanTeam[];
  unavailable?: Absence[]; movable?: string[]; weekdays?: Weekday[]; rest_days?: number;
  max_visits_per_week?: number; next_to_holiday?: boolean; lang?: Lang; check?: CheckOptions;
}
export type ReasonCode = "WINDOW_START" | "PREVIOUS_VISIT" | "HOLIDAY" | "NEXT_TO_HOLIDAY" | "WEEKDAY" | "BLACKOUT"
  | "SCHOOL_CALENDAR" | "PERSON_UNAVAILABLE" | "TEAM_BUSY" | "WEEKLY_LIMIT" | "NEXT_VISIT" | "PERIOD" | "NO_DAYS"
  | "NO_TIME" | "MATERIAL_STOCK";
export interface Reason { code: ReasonCode; day?: IsoDate; message: Text }
export interface PlannedVisit {
  id: string; county: string; county_name: string; team?: string; first_day: IsoDate; last_day: IsoDate;
  km: number; reason: Reason;
}
export interface Unplaced { county: string; county_name: string; reason: Reason }
/** A proposed calendar: the planned campaign and why each visit is where it is. */
export interface PlanResult {
  document: CampaignDocument; visits: PlannedVisit[]; unplaced: Unplaced[]; window: DateRange;
  finish?: IsoDate; lower_bound?: IsoDate; gap_days?: number; method: "exact" | "greedy"; optimal: boolean;
  travel_km: number;
}

/** Every error thrown by this module. */
export interface CampaignError extends Error {
  name: "CampaignError";
  code: "INVALID_JSON" | "INVALID_VALUE" | "UNKNOWN_COUNTY" | "INVALID_CSV" | "REFUSED" | "INTERNAL";
  /** The JSON path as text (`$.visits[0]["a.b"]`) and as segments (`["visits", 0, "a.b"]`). */
  path: string | null; pathSegments: (string | number)[] | null;
  line?: number | null; column?: number | null; suggestion?: string | null;
}
