// What the Share dialog offers: the run as the engine holds it at this moment. Playback pauses first,
// and the view and the log are read in one queued call, so the position in the link is the one on the
// screen, not one a frame behind it. Mid-lesson, the link also holds the lesson's step and step times.
import { engine, engineQueue } from '../engine/bridge';
import { playback } from '../playback/machine';
import { acceptFrame, openDialog, uiStore } from '../store';
import { lessonStore } from '../lesson/lesson';
import { lessonPartOf, shareRunOf } from './runLink';

export async function openShareDialog(): Promise<void> {
  playback.send({ type: 'PAUSE' });
  const { frame, log } = await engineQueue().enqueue(async () => ({
    frame: await engine().view(),
    log: await engine().commandLog(),
  }));
  acceptFrame(frame);
  const scenario = uiStore.getState().scenario;
  if (!scenario) return;
  const lesson = lessonPartOf(scenario, lessonStore.getState());
  openDialog({
    kind: 'share',
    run: shareRunOf(scenario, frame.view.seed, log, frame.view.nowMs, lesson),
  });
}
