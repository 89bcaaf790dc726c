import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { SearchDocument, type EntityKind, type SearchQuery } from '../generated/graphql';
import { execute } from '../api/client';
import { t } from '../i18n/i18n';
import { entityName, entityQualifier } from './entity';
import { KindTag } from './ui';

export interface PickedEntity {
  id: string;
  name: string;
}

type SearchNode = SearchQuery['search']['edges'][number]['node'];

/**
 * A search-as-you-type combobox that picks one entity of the given kinds (keyboard: ↑/↓ to move, Enter to pick,
 * Escape to close).
 */
export function EntityPicker(props: { label: string; kinds: EntityKind[]; value: PickedEntity | null; onChange(value: PickedEntity | null): void; placeholder?: string; name: string }) {
  const id = useId();
  const [text, setText] = useState('');
  const [options, setOptions] = useState<SearchNode[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [searched, setSearched] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const kindsKey = props.kinds.join(',');

  useEffect(() => {
    const query = text.trim();
    if (!query) {
      setOptions([]);
      setSearched(false);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      execute(SearchDocument, { query, kinds: props.kinds, first: 8 }, controller.signal).then(
        (data) => {
          setOptions(data.search.edges.map((edge) => edge.node));
          setSearched(true);
          setActive(-1);
        },
        () => {
          if (!controller.signal.aborted) {
            setOptions([]);
            setSearched(true);
          }
        },
      );
    }, 200);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, kindsKey]);

  const pick = (node: SearchNode) => {
    props.onChange({ id: node.id, name: entityName(node) });
    setText('');
    setOpen(false);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((index) => Math.min(index + 1, options.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((index) => Math.max(index - 1, 0));
    } else if (event.key === 'Enter' && open && options.length > 0) {
      event.preventDefault();
      const chosen = options[Math.max(active, 0)];
      if (chosen) pick(chosen);
    } else if (event.key === 'Escape') {
      setOpen(false);
    }
  };

  if (props.value) {
    return (
      <div class="field picker">
        <span class="label" id={`${id}-label`}>
          {props.label}
        </span>
        <div class="picked" data-picker={props.name}>
          <span aria-live="polite">{t('picker.selected', { name: props.value.name })}</span>
          <button
            type="button"
            class="link-button"
            onClick={() => {
              props.onChange(null);
              setTimeout(() => inputRef.current?.focus(), 0);
            }}
          >
            {t('picker.clear')}
          </button>
        </div>
      </div>
    );
  }

  const listId = `${id}-list`;
  return (
    <div class="field picker">
      <label for={`${id}-input`}>{props.label}</label>
      <input
        ref={inputRef}
        id={`${id}-input`}
        name={props.name}
        type="text"
        role="combobox"
        autocomplete="off"
        aria-autocomplete="list"
        aria-expanded={open && text.trim() !== ''}
        aria-controls={listId}
        aria-activedescendant={open && options[active] ? `${id}-option-${active}` : undefined}
        placeholder={props.placeholder}
        value={text}
        onInput={(event) => {
          setText(event.currentTarget.value);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      {open && text.trim() !== '' && (
        <ul class="options" id={listId} role="listbox" aria-label={props.label}>
          {options.map((node, index) => (
            <li
              key={node.id}
              id={`${id}-option-${index}`}
              role="option"
              aria-selected={index === active}
              class={index === active ? 'active' : undefined}
              onMouseDown={(event) => {
                event.preventDefault();
                pick(node);
              }}
            >
              <KindTag typename={node.__typename} /> {entityName(node)}
              {entityQualifier(node) && <span class="muted">（{entityQualifier(node)}）</span>}
            </li>
          ))}
          {searched && options.length === 0 && (
            <li role="option" aria-selected={false} aria-disabled="true" class="muted">
              {t('picker.noResults')}
            </li>
          )}
        </ul>
      )}
    </div>
  );
}
