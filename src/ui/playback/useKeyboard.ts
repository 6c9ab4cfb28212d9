// Presenter keys: Space plays or pauses, → steps to the next event; in a lesson N goes to the next step
// and B back to the previous one, and so do Page Down and Page Up, which a presentation clicker sends
// for its next and previous buttons. Keys typed into a form, a slider or a tab list keep their usual
// meaning; so does Space on a focused button (it presses the button).
import { useEffect } from 'react';
import { stepForward } from '../engine/actions';
import { lessonBack, lessonNext } from '../lesson/lesson';
import { playback } from './machine';

function ownsKey(target: HTMLElement | null, key: string): boolean {
  if (!target) return false;
  if (target.closest('dialog, [popover]')) return true;
  if (['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName) || target.isContentEditable) return true;
  if (target.getAttribute('role') === 'tab') return true;
  return (
    key === ' ' && (target.tagName === 'BUTTON' || target.tagName === 'SUMMARY' || target.tagName === 'A')
  );
}

export function useKeyboard(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.altKey || e.ctrlKey || e.metaKey || ownsKey(e.target as HTMLElement | null, e.key)) return;
      if (e.key === ' ') {
        e.preventDefault();
        playback.send({ type: 'TOGGLE' });
      } else if (e.key === 'ArrowRight') {
        e.preventDefault();
        stepForward();
      } else if (e.key === 'n' || e.key === 'N' || e.key === 'PageDown') {
        if (e.key === 'PageDown') e.preventDefault();
        lessonNext();
      } else if (e.key === 'b' || e.key === 'B' || e.key === 'PageUp') {
        if (e.key === 'PageUp') e.preventDefault();
        lessonBack();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
