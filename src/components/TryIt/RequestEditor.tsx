import { type ReactNode, useId } from 'react';

import type { ConsoleOperation } from '@site/src/console/operation';
import { type FormField, initialDraft, parameterKey, type RequestDraft } from '@site/src/console/request-draft';

import styles from './styles.module.css';

interface Props {
  operation: ConsoleOperation;
  draft: RequestDraft;
  onChange(draft: RequestDraft): void;
}

/** Parameters and body, prefilled from the spec's examples and sent exactly as typed. */
export default function RequestEditor({ operation, draft, onChange }: Props): ReactNode {
  const id = useId();
  const body = operation.body;
  const setForm = (form: FormField[]) => onChange({ ...draft, form });

  return (
    <>
      {operation.parameters.length > 0 && (
        <fieldset className={styles.group}>
          <legend>Parameters</legend>
          {operation.parameters.map((parameter) => {
            const key = parameterKey(parameter);
            return (
              <div className={styles.field} key={key}>
                <label htmlFor={`${id}-${key}`}>
                  <code>{parameter.name}</code> <small>{parameter.in}{parameter.required ? ', required' : ''}</small>
                </label>
                <input
                  id={`${id}-${key}`}
                  value={draft.params[key] ?? ''}
                  placeholder={parameter.required ? '' : 'not sent when empty'}
                  onChange={(event) => onChange({ ...draft, params: { ...draft.params, [key]: event.target.value } })}
                />
              </div>
            );
          })}
        </fieldset>
      )}
      {body && (
        <fieldset className={styles.group}>
          <legend>
            Body <small>{body.mediaType}</small>
          </legend>
          {body.examples.length > 1 && (
            <div className={styles.field}>
              <label htmlFor={`${id}-example`}>Start from example</label>
              <select id={`${id}-example`} value={draft.exampleId ?? ''} onChange={(event) => onChange(initialDraft(operation, event.target.value))}>
                {body.examples.map((example) => (
                  <option key={example.id} value={example.id}>
                    {example.summary}
                  </option>
                ))}
              </select>
            </div>
          )}
          {body.mediaType === 'application/json' ? (
            <div className={styles.field}>
              <label htmlFor={`${id}-json`}>JSON</label>
              <textarea
                id={`${id}-json`}
                className={styles.code}
                spellCheck={false}
                rows={Math.min(16, draft.json.split('\n').length + 1)}
                value={draft.json}
                onChange={(event) => onChange({ ...draft, json: event.target.value })}
              />
            </div>
          ) : (
            <FormFields fields={draft.form} onChange={setForm} idPrefix={`${id}-form`} />
          )}
        </fieldset>
      )}
    </>
  );
}

function FormFields({ fields, onChange, idPrefix }: { fields: FormField[]; onChange(fields: FormField[]): void; idPrefix: string }): ReactNode {
  const update = (index: number, change: Partial<FormField>) => onChange(fields.map((field, at) => (at === index ? { ...field, ...change } : field)));
  return (
    <div data-testid="form-fields">
      {fields.map((field, index) => (
        <div className={styles.formRow} key={index}>
          <input aria-label={`Field ${index + 1} name`} value={field.name} onChange={(event) => update(index, { name: event.target.value })} />
          <span aria-hidden>=</span>
          <input
            id={`${idPrefix}-${field.name}`}
            aria-label={`${field.name || `Field ${index + 1}`} value`}
            value={field.value}
            onChange={(event) => update(index, { value: event.target.value })}
          />
          <button type="button" className={styles.linkButton} aria-label={`Remove ${field.name || `field ${index + 1}`}`} onClick={() => onChange(fields.filter((_, at) => at !== index))}>
            ✕
          </button>
        </div>
      ))}
      <button type="button" className={styles.linkButton} onClick={() => onChange([...fields, { name: '', value: '' }])}>
        Add field
      </button>
      <p className={styles.hint}>Every field listed is sent, empty ones as <code>name=</code>.</p>
    </div>
  );
}
