import type { IconButtonProps } from '@rjsf/utils';
import { useTranslation } from 'react-i18next';

type RowButton = 'rowAdd' | 'rowRemove' | 'rowMoveUp' | 'rowMoveDown' | 'rowCopy' | 'rowClear';

/**
 * The buttons of a repeating section (sub-table) on start and task forms: rjsf's default draws a bare
 * "+" / "×" glyph with only a title; employees get words ("Add row", "Remove"), which screen readers read too.
 */
function rowButton(key: RowButton) {
  return function RowButtonTemplate(props: IconButtonProps) {
    const { t } = useTranslation('common');
    const { registry: _registry, icon: _icon, iconType: _iconType, uiSchema: _ui, className, ...rest } = props;
    const text = t(key);
    return (
      // btn-add: the class rjsf's own add button carries, kept for styles and tests that look for it.
      <button type="button" {...rest} className={`${className ?? ''} row-button${key === 'rowAdd' ? ' btn-add' : ''}`.trim()} aria-label={text} title={text}>
        {text}
      </button>
    );
  };
}

export const WORKSPACE_ROW_BUTTONS = {
  AddButton: rowButton('rowAdd'),
  RemoveButton: rowButton('rowRemove'),
  MoveUpButton: rowButton('rowMoveUp'),
  MoveDownButton: rowButton('rowMoveDown'),
  CopyButton: rowButton('rowCopy'),
  ClearButton: rowButton('rowClear'),
};
