import type { IconButtonProps } from '@rjsf/utils';
import { useTranslation } from 'react-i18next';

type ButtonKind = 'add' | 'remove' | 'moveUp' | 'moveDown' | 'copy' | 'clear';

// Glyphs drawn with text (rjsf's default buttons draw an icon font Baton does not load, so they were empty).
const GLYPH: Record<ButtonKind, string> = { add: '+', remove: '×', moveUp: '↑', moveDown: '↓', copy: '⧉', clear: '×' };

/** The row an item button acts on, from rjsf's id ("sim-start_assets_0__remove" → 1), counted from 1. */
export function rowOfButton(id: string | undefined): number | undefined {
  const match = /_(\d+)__(?:remove|moveUp|moveDown|copy)$/.exec(id ?? '');
  return match ? Number(match[1]) + 1 : undefined;
}

function simButton(kind: ButtonKind) {
  return function SimFormButton(props: IconButtonProps) {
    const { t } = useTranslation('flows');
    const { registry: _registry, icon: _icon, iconType: _iconType, uiSchema: _ui, className, id, ...rest } = props;
    const row = rowOfButton(id);
    const label = row === undefined ? t(`simButtons.${kind}`) : t(`simButtons.${kind}Row`, { row });
    const classes = `${className ?? ''} sim-form-button${kind === 'add' ? '' : ' icon-button'}`.trim();
    return (
      <button type="button" {...rest} id={id} className={classes} aria-label={label} title={label}>
        <span aria-hidden="true" className="sim-form-glyph">{GLYPH[kind]}</span>
        {kind === 'add' ? <> {t('simButtons.add')}</> : null}
      </button>
    );
  };
}

/** rjsf's array and clear buttons for the simulation's forms: a visible glyph, a named label in en and zh-CN. */
export const SIM_BUTTON_TEMPLATES = {
  AddButton: simButton('add'),
  RemoveButton: simButton('remove'),
  MoveUpButton: simButton('moveUp'),
  MoveDownButton: simButton('moveDown'),
  CopyButton: simButton('copy'),
  ClearButton: simButton('clear'),
};
