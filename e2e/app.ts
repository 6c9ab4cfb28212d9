// Shared steps for the journeys: open the app, read the read-only test API, set the speed.
import { expect, type Page } from '@playwright/test';
import type { SimView } from '../src/engine/index';
import { SPEEDS } from '../src/ui/playback/speed';
import type {} from '../src/ui/testApi';

export interface OpenedApp {
  /** Console errors and page errors seen so far: every journey ends by expecting none. */
  errors: string[];
}

export async function openApp(page: Page, query = ''): Promise<OpenedApp> {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`/${query}`);
  await expect(page.getByRole('heading', { name: 'Kafkascope' })).toBeVisible();
  await page.waitForFunction(() => window.kafkascope?.ready() === true);
  return { errors };
}

export const view = (page: Page): Promise<SimView> => page.evaluate(() => window.kafkascope!.view()!);

export const nowMs = async (page: Page): Promise<number> => (await view(page)).nowMs;

export async function setSpeed(page: Page, speed: (typeof SPEEDS)[number]): Promise<void> {
  await page.getByRole('slider', { name: 'Playback speed' }).fill(String(SPEEDS.indexOf(speed)));
  await expect.poll(() => page.evaluate(() => window.kafkascope!.speed())).toBe(speed);
}

export async function pause(page: Page): Promise<void> {
  if (await page.evaluate(() => window.kafkascope!.playing()))
    await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Play' })).toBeVisible();
}

export const partition = async (page: Page, id: string) =>
  (await view(page)).partitions.find((p) => p.id === id)!;
