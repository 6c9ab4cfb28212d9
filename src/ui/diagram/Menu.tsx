// A small menu of actions in the browser's top layer (the popover attribute), so that it is never
// clipped by a card, closes on Escape or a click elsewhere, and keeps the button's aria-expanded right.
import { useEffect, useId, useRef, type ReactNode } from 'react';

export function Menu({
  label,
  buttonText,
  children,
}: {
  label: string;
  buttonText: string;
  children: ReactNode;
}) {
  const id = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const popRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const pop = popRef.current;
    const button = buttonRef.current;
    if (!pop || !button) return;
    // Place the menu under its button (flipping up near the bottom), and focus its first action.
    const onToggle = (e: Event): void => {
      if ((e as ToggleEvent).newState !== 'open') return;
      const r = button.getBoundingClientRect();
      const below = r.bottom + pop.offsetHeight + 8 < window.innerHeight;
      pop.style.left = `${Math.max(8, Math.min(r.right - pop.offsetWidth, window.innerWidth - pop.offsetWidth - 8))}px`;
      pop.style.top = `${below ? r.bottom + 4 : r.top - pop.offsetHeight - 4}px`;
      pop.querySelector<HTMLButtonElement>('button')?.focus();
    };
    pop.addEventListener('toggle', onToggle);
    return () => pop.removeEventListener('toggle', onToggle);
  }, []);
  return (
    <>
      <button ref={buttonRef} type="button" className="menu-button" popoverTarget={id} aria-label={label}>
        {buttonText}
      </button>
      <div
        ref={popRef}
        id={id}
        popover="auto"
        className="menu"
        role="group"
        aria-label={label}
        onClick={(e) => {
          // Any action closes the menu, and focus goes back to the button that opened it.
          if ((e.target as HTMLElement).closest('button')) {
            popRef.current?.hidePopover();
            buttonRef.current?.focus();
          }
        }}
      >
        {children}
      </div>
    </>
  );
}
