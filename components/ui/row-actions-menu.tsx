'use client';

import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { buttonClass } from './button';

export type RowAction = { label: string; onSelect: () => void };

/**
 * A row's actions behind one button (the WAI-ARIA menu button pattern): Enter, Space or ArrowDown opens the menu
 * on its first item, ArrowUp on its last; arrows, Home and End move between items; Escape or Tab closes it and
 * focus returns to the button. The menu sits in the top layer (popover), so a scrolling table does not clip it.
 */
export function RowActionsMenu({ label, items }: { label: string; items: RowAction[] }) {
  const [open, setOpen] = useState(false);
  const [position, setPosition] = useState<{ top: number; left: number }>();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const focusTarget = useRef<'first' | 'last'>('first');
  const id = useId();

  const menuItems = () => Array.from(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
  const close = (returnFocus: boolean) => {
    setOpen(false);
    if (returnFocus) button.current?.focus();
  };
  const show = (target: 'first' | 'last') => {
    const rect = button.current?.getBoundingClientRect();
    if (!rect) return;
    focusTarget.current = target;
    setPosition({ top: rect.bottom + 4, left: rect.left });
    setOpen(true);
  };

  useEffect(() => {
    const el = menu.current;
    if (!el || !open) return;
    el.showPopover();
    // Keep the menu inside the window when the button sits near its right edge.
    const overflow = el.getBoundingClientRect().right - (window.innerWidth - 8);
    if (overflow > 0) el.style.left = `${Math.max(8, el.offsetLeft - overflow)}px`;
    const all = menuItems();
    (focusTarget.current === 'first' ? all[0] : all.at(-1))?.focus();
    const closeIfOutside = (e: PointerEvent) => {
      const target = e.target as Node;
      if (!el.contains(target) && !button.current?.contains(target)) close(false);
    };
    const closeOnScroll = (e: Event) => {
      if (!el.contains(e.target as Node)) close(false);
    };
    document.addEventListener('pointerdown', closeIfOutside);
    window.addEventListener('scroll', closeOnScroll, true);
    window.addEventListener('resize', closeOnScroll);
    return () => {
      document.removeEventListener('pointerdown', closeIfOutside);
      window.removeEventListener('scroll', closeOnScroll, true);
      window.removeEventListener('resize', closeOnScroll);
      if (el.matches(':popover-open')) el.hidePopover();
    };
  }, [open]);

  const onMenuKeyDown = (e: KeyboardEvent) => {
    const all = menuItems();
    const at = all.indexOf(document.activeElement as HTMLElement);
    const moves: Record<string, number> = {
      ArrowDown: (at + 1) % all.length,
      ArrowUp: (at - 1 + all.length) % all.length,
      Home: 0,
      End: all.length - 1,
    };
    const next = moves[e.key];
    if (next !== undefined) {
      e.preventDefault();
      all[next]?.focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      close(true);
    } else if (e.key === 'Tab') close(false);
  };

  return (
    <>
      <button
        ref={button}
        type="button"
        id={`${id}-button`}
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        className={buttonClass('secondary', 'px-2 py-1 text-xs')}
        onClick={() => (open ? close(false) : show('first'))}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            show(e.key === 'ArrowDown' ? 'first' : 'last');
          }
        }}
      >
        Actions <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div
          ref={menu}
          id={`${id}-menu`}
          role="menu"
          aria-labelledby={`${id}-button`}
          popover="manual"
          onKeyDown={onMenuKeyDown}
          style={{ top: position?.top, left: position?.left }}
          className="fixed m-0 min-w-48 rounded-md border border-zinc-200 bg-white p-1 text-zinc-900 shadow-lg dark:border-zinc-700 dark:bg-zinc-800 dark:text-zinc-100"
        >
          {items.map((item) => (
            <button
              key={item.label}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className="block w-full rounded px-3 py-1.5 text-left text-sm hover:bg-zinc-100 focus:bg-indigo-50 focus:outline-none dark:hover:bg-zinc-700 dark:focus:bg-indigo-950"
              onClick={() => {
                close(true);
                item.onSelect();
              }}
            >
              {item.label}
            </button>
          ))}
        </div>
      )}
    </>
  );
}
