import type { Random } from '../random';

/**
 * The physiology behind the wearable emitter: a person's day as 5-minute slots
 * of sleep, activity, heart rate, steps and glucose. Pure functions of a seeded
 * Random, so the same person always gets the same day.
 */
export const SLOT_MINUTES = 5;
export const SLOTS_PER_DAY = (24 * 60) / SLOT_MINUTES;

/** A night's sleep in minutes from the local midnight of the day it ends on (negative = evening before). */
export interface SleepWindow {
  startMinute: number;
  endMinute: number;
}

export function sleepWindow(random: Random, sleepHours: number): SleepWindow {
  const startMinute = Math.round(random.normal(-60, 35) / SLOT_MINUTES) * SLOT_MINUTES;
  const minutes = Math.round((random.normal(sleepHours, 0.45) * 60) / SLOT_MINUTES) * SLOT_MINUTES;
  return { startMinute, endMinute: startMinute + Math.max(180, minutes) };
}

export interface SleepStageSegment {
  /** Minutes from the sleep start. */
  offset: number;
  minutes: number;
  level: 'wake' | 'light' | 'deep' | 'rem';
}

/**
 * Stages in ~90-minute cycles: deep sleep front-loaded, REM growing towards
 * morning, short wakes between cycles, as in a typical adult hypnogram.
 */
export function sleepStages(random: Random, totalMinutes: number): SleepStageSegment[] {
  const segments: SleepStageSegment[] = [];
  let offset = 0;
  const push = (level: SleepStageSegment['level'], minutes: number) => {
    const length = Math.min(Math.max(1, Math.round(minutes)), totalMinutes - offset);
    if (length <= 0) return;
    const last = segments.at(-1);
    if (last && last.level === level) last.minutes += length;
    else segments.push({ offset, minutes: length, level });
    offset += length;
  };
  push('wake', random.int(4, 15));
  for (let cycle = 0; offset < totalMinutes; cycle++) {
    const late = Math.min(1, cycle / 4);
    push('light', random.normal(40, 8));
    push('deep', Math.max(5, random.normal(35 * (1 - late), 6)));
    push('light', random.normal(15, 5));
    push('rem', Math.max(5, random.normal(10 + 25 * late, 5)));
    if (random.chance(0.6)) push('wake', random.int(1, 6));
  }
  return segments;
}

/** Activity 0..1 per slot: walks around commute, lunch and evening, none while asleep. */
export function activityProfile(random: Random, asleep: (slot: number) => boolean): number[] {
  const activity = new Array<number>(SLOTS_PER_DAY).fill(0);
  const bouts = [
    { at: random.normal(8 * 60, 30), minutes: random.int(15, 35), level: 0.8 },
    { at: random.normal(12.5 * 60, 25), minutes: random.int(10, 30), level: 0.7 },
    { at: random.normal(17.75 * 60, 40), minutes: random.int(20, 50), level: 0.9 },
  ];
  if (random.chance(0.35)) {
    bouts.push({ at: random.normal(19 * 60, 60), minutes: random.int(25, 50), level: 1 });
  }
  for (let slot = 0; slot < SLOTS_PER_DAY; slot++) {
    if (asleep(slot)) continue;
    const minute = slot * SLOT_MINUTES;
    // Light moving about the house or office all day.
    activity[slot] = 0.08 + random.next() * 0.1;
    for (const bout of bouts) {
      if (minute >= bout.at && minute < bout.at + bout.minutes) {
        activity[slot] = Math.max(activity[slot]!, bout.level * (0.8 + random.next() * 0.2));
      }
    }
  }
  return activity;
}

/** Steps per slot, scaled so the day sums to `target` (rounding leaves it within a few steps). */
export function stepsPerSlot(activity: number[], target: number): number[] {
  const weights = activity.map((a) => (a > 0.3 ? a * 10 : a));
  const total = weights.reduce((sum, w) => sum + w, 0) || 1;
  return weights.map((w) => Math.round((w / total) * target));
}

/** Heart rate per slot: dips below resting in deep sleep, climbs with activity. */
export function heartRatePerSlot(
  random: Random,
  restingHeartRate: number,
  activity: number[],
  asleep: (slot: number) => boolean,
): number[] {
  let drift = 0;
  return activity.map((a, slot) => {
    drift = drift * 0.8 + random.normal(0, 1.2);
    const hour = (slot * SLOT_MINUTES) / 60;
    const circadian = 3 * Math.sin(((hour - 10) / 24) * 2 * Math.PI);
    const base = asleep(slot) ? restingHeartRate - 5 : restingHeartRate + 8 + circadian;
    return Math.round(Math.min(190, Math.max(38, base + a * 55 + drift)));
  });
}

/**
 * Glucose over many days at 5-minute steps: slow drift, a dawn rise, and a
 * post-meal curve per meal (peak about an hour after, back near baseline by
 * three), then rescaled so the whole window has exactly the person's mean and
 * standard deviation. Values are whole mg/dL within the sensor's 40-400 range.
 */
export function glucoseCurve(random: Random, days: number, mean: number, sd: number): number[] {
  const slots = days * SLOTS_PER_DAY;
  const raw = new Array<number>(slots).fill(0);
  let drift = 0;
  for (let slot = 0; slot < slots; slot++) {
    drift = drift * 0.995 + random.normal(0, 0.6);
    const minuteOfDay = (slot % SLOTS_PER_DAY) * SLOT_MINUTES;
    const dawn =
      minuteOfDay >= 240 && minuteOfDay < 480
        ? 8 * Math.sin(((minuteOfDay - 240) / 240) * Math.PI)
        : 0;
    raw[slot] = drift + dawn;
  }
  for (let day = 0; day < days; day++) {
    for (const [hour, size] of [
      [7.5, 1],
      [12.5, 0.8],
      [18.75, 1.1],
    ] as const) {
      const start =
        day * SLOTS_PER_DAY + Math.round((hour * 60 + random.normal(0, 25)) / SLOT_MINUTES);
      const amplitude = size * random.float(35, 80);
      for (let k = 0; k < 48 && start + k < slots; k++) {
        const t = (k * SLOT_MINUTES) / 60;
        // Gamma-shaped response: t * e^(1 - t) peaks at 1 hour with height 1.
        if (start + k >= 0) raw[start + k]! += amplitude * t * Math.exp(1 - t);
      }
    }
  }
  const rawMean = raw.reduce((s, v) => s + v, 0) / slots;
  const rawSd = Math.sqrt(raw.reduce((s, v) => s + (v - rawMean) ** 2, 0) / slots) || 1;
  return raw.map((v) =>
    Math.round(Math.min(400, Math.max(40, mean + ((v - rawMean) / rawSd) * sd))),
  );
}

/** Dexcom trend arrow from the rate of change in mg/dL per minute. */
export function dexcomTrend(ratePerMinute: number): string {
  if (ratePerMinute > 3) return 'doubleUp';
  if (ratePerMinute > 2) return 'singleUp';
  if (ratePerMinute > 1) return 'fortyFiveUp';
  if (ratePerMinute < -3) return 'doubleDown';
  if (ratePerMinute < -2) return 'singleDown';
  if (ratePerMinute < -1) return 'fortyFiveDown';
  return 'flat';
}
