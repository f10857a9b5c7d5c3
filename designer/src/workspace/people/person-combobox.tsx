import type { DirectoryPerson } from '@baton/client';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../app/session/use-api.js';
import { nextActiveIndex } from './listbox-keys.js';
import { lookupPerson } from './person-lookup.js';
import { usePersonSearch } from './use-person-search.js';

export interface PersonComboboxProps {
  /** The input's id (labels point at it); options and the list derive theirs from it. */
  id: string;
  /** The chosen person's directory id. */
  value: string | undefined;
  onChange(value: string | undefined): void;
  required?: boolean;
  disabled?: boolean;
  readOnly?: boolean;
  autoFocus?: boolean;
  /** Only people of these departments (and the ones below them). */
  departments?: readonly string[] | undefined;
  /** Offer people who have left too (a field naming the leaver); by default only people present today. */
  includeLeavers?: boolean;
  onBlur?(): void;
  onFocus?(): void;
}

/** The chosen person: undefined while looking up, null when no directory user has the id. */
function useChosenPerson(value: string | undefined): DirectoryPerson | null | undefined {
  const api = useApi();
  const [person, setPerson] = useState<DirectoryPerson | null | undefined>(undefined);
  useEffect(() => {
    setPerson(undefined);
    if (!value) return;
    let live = true;
    // A failed lookup shows the stored id, as an unknown one does.
    lookupPerson(api, value).then((p) => live && setPerson(p), () => live && setPerson(null));
    return () => {
      live = false;
    };
  }, [api, value]);
  return person;
}

/** "Sales · Account manager · zhang": what tells two people of the same name apart. */
function describe(person: DirectoryPerson): string {
  return [person.department?.name, person.position, person.id].filter(Boolean).join(' · ');
}

/**
 * A person of the directory, found by typing part of a name or id (WAI-ARIA combobox with a listbox):
 * the input shows the chosen person's name, typing searches after a pause, arrows move through the
 * people, Enter chooses, Escape gives up and puts the chosen name back. What is stored is the id.
 */
export function PersonCombobox({ id, value, onChange, required, disabled, readOnly, autoFocus, departments, includeLeavers, onBlur, onFocus }: PersonComboboxProps) {
  const { t } = useTranslation('workspace');
  const input = useRef<HTMLInputElement>(null);
  // The person just chosen from the list is shown at once; a value from elsewhere is looked up.
  const [picked, setPicked] = useState<DirectoryPerson | null>(null);
  const looked = useChosenPerson(picked && picked.id === value ? undefined : value);
  const chosen = picked && picked.id === value ? picked : looked;
  const [text, setText] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const search = usePersonSearch(text ?? '', open, departments, includeLeavers === true);
  const items = search.items ?? [];
  const listId = `${id}-people`;
  const optionId = (i: number) => `${id}-person-${i}`;

  // New answers highlight their first person, so Enter takes the best match.
  useEffect(() => setActive(search.items && search.items.length > 0 ? 0 : -1), [search.items]);
  const activeId = open && active >= 0 ? optionId(active) : undefined;
  useEffect(() => {
    if (activeId) document.getElementById(activeId)?.scrollIntoView({ block: 'nearest' });
  }, [activeId]);

  const shown = value ? (chosen ? chosen.name : value) : '';
  const close = () => {
    setOpen(false);
    setText(null);
  };
  const choose = (person: DirectoryPerson) => {
    setPicked(person);
    onChange(person.id);
    close();
  };

  if (disabled || readOnly) {
    return (
      <span className="person-picker">
        <input id={id} name={id} type="text" value={shown} data-value={value ?? ''} disabled={disabled} readOnly autoComplete="off" />
        <Chosen id={id} value={value} chosen={chosen} />
      </span>
    );
  }

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) setOpen(true);
      else setActive(nextActiveIndex(e.key, active, items.length));
    } else if ((e.key === 'Home' || e.key === 'End') && open && items.length > 0) {
      e.preventDefault();
      setActive(nextActiveIndex(e.key, active, items.length));
    } else if (e.key === 'Enter' && open) {
      // Enter chooses; it never submits the form around the picker while the list is open. A list still
      // answering older words is not chosen from: the person would not be the one the new words find.
      e.preventDefault();
      const person = items[active];
      if (person && search.forText === (text ?? '').trim()) choose(person);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      close();
    }
  };

  return (
    <span className="person-picker" data-testid={`${id}-picker`}>
      <input
        ref={input}
        id={id}
        name={id}
        type="text"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeId}
        aria-required={required}
        value={text ?? shown}
        data-value={value ?? ''}
        placeholder={t('personSearchPlaceholder')}
        // The search route takes up to 100 characters of words.
        maxLength={100}
        autoFocus={autoFocus}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onClick={() => setOpen(true)}
        onKeyDown={onKeyDown}
        onBlur={() => {
          close();
          onBlur?.();
        }}
        onFocus={() => onFocus?.()}
      />
      {value ? (
        <button
          type="button"
          className="link person-picker-clear"
          aria-label={t('personClear')}
          title={t('personClear')}
          onClick={() => {
            onChange(undefined);
            close();
            input.current?.focus();
          }}
        >
          ×
        </button>
      ) : null}
      {open ? (
        <span className="person-picker-popup">
          <ul role="listbox" id={listId} aria-label={t('personList')}>
            {items.map((p, i) => (
              <li
                key={p.id}
                id={optionId(i)}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'active' : undefined}
                data-testid={`${id}-option-${p.id}`}
                // Keeps the focus in the input, so its blur does not close the list before the click lands.
                onMouseDown={(e) => e.preventDefault()}
                onMouseEnter={() => setActive(i)}
                onClick={() => choose(p)}
              >
                <span>
                  {p.name}
                  {p.status === 'active' ? null : <> <PresenceTag id={`${id}-option-${p.id}`} person={p} /></>}
                </span>
                <span className="muted small">{describe(p)}</span>
              </li>
            ))}
          </ul>
          {search.items === null ? <span className="person-picker-note muted">{t('personSearching')}</span> : null}
          {search.items !== null && items.length === 0 && !search.error ? (
            <span className="person-picker-note muted" data-testid={`${id}-no-match`}>{t('personNoMatch')}</span>
          ) : null}
          {search.more ? <span className="person-picker-note muted small">{t('personMore')}</span> : null}
          {search.error ? (
            <span className="person-picker-note error" role="alert">{t('personSearchFailed', { message: (search.error as Error).message ?? '' })}</span>
          ) : null}
        </span>
      ) : null}
      <span className="sr-only" role="status">
        {open && search.items ? (items.length === 0 ? t('personNoMatch') : t('personFound', { count: items.length })) : ''}
      </span>
      {text === null ? <Chosen id={id} value={value} chosen={chosen} /> : null}
    </span>
  );
}

/** Under the name: the chosen person's department and id, that they left, or that nobody has the id. */
function Chosen({ id, value, chosen }: { id: string; value: string | undefined; chosen: DirectoryPerson | null | undefined }) {
  const { t } = useTranslation('workspace');
  if (!value || chosen === undefined) return null;
  if (chosen === null) return <span className="muted small" data-testid={`${id}-unknown`}>{t('userUnknown')}</span>;
  return (
    <span className="muted small" data-testid={`${id}-name`}>
      {describe(chosen)}
      {chosen.status === 'active' ? null : <> <PresenceTag id={id} person={chosen} /></>}
    </span>
  );
}

/** "Left" (with the date in its title) or "Inactive": a person who can no longer be given work. */
function PresenceTag({ id, person }: { id: string; person: DirectoryPerson }) {
  const { t } = useTranslation('workspace');
  const left = person.status === 'left';
  const title = left ? t('personLeftOn', { date: person.leaveDate ?? '' }) : t('personInactiveTitle');
  return (
    <span className="badge badge-draft" data-testid={`${id}-presence`} data-status={person.status} title={title}>
      {left ? t('personLeft') : t('personInactive')}
      {left && person.leaveDate ? <span className="sr-only"> {title}</span> : null}
    </span>
  );
}
