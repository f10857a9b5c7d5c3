// Generated definitions for the designer benchmark: a flow of 1,000 nodes and 1,200 edges, and a form of
// 300 fields with visibleIf / requiredIf conditions. Both are valid, so the runtime saves them as drafts
// and the designer opens them as an analyst would.

const t = (en: string, zh: string) => ({ en, 'zh-CN': zh });

type Json = Record<string, unknown>;

/**
 * start → (201 exclusive "diamonds" and 194 single tasks, interleaved) → end. A diamond is gateway → two
 * tasks (one conditional, one default) → a merge task: 4 nodes, 5 edges. 2 + 201·4 + 194 = 1,000 nodes;
 * 1 + 201·5 + 194 = 1,200 edges. Positions are stored, as the designer saves them (a grid, rows of 40).
 */
export function bigFlow(key: string, formKey: string, nodeCount = 1000): Json {
  const diamonds = 201;
  const singles = nodeCount - 2 - diamonds * 4;
  const nodes: Json[] = [];
  const edges: Json[] = [];
  let column = 0;
  const place = (lane = 0) => {
    const i = column++;
    return { x: (i % 40) * 220, y: Math.floor(i / 40) * 260 + lane * 90 };
  };
  const task = (id: string, lane = 0): Json => ({
    id,
    type: 'task',
    name: t(`Step ${id}`, `步骤 ${id}`),
    config: { assignees: [{ kind: 'role', role: 'hr' }] },
    position: place(lane),
  });
  let edgeSeq = 0;
  const edge = (from: string, to: string, extra: Json = {}) => edges.push({ id: `e${++edgeSeq}`, from, to, ...extra });

  nodes.push({ id: 'start', type: 'start', name: t('Start', '开始'), position: place() });
  let previous = 'start';
  let d = 0;
  let s = 0;
  // Interleave so the graph looks like a real long process, not two halves.
  while (d < diamonds || s < singles) {
    if (d < diamonds) {
      const g = `g${d}`;
      nodes.push({ id: g, type: 'exclusive', name: t(`Check ${d}`, `判断 ${d}`), position: place() });
      edge(previous, g);
      const yes = task(`y${d}`, 0);
      const no = task(`n${d}`, 1);
      column--; // the two branches share a column
      nodes.push(yes, no);
      edge(g, yes.id as string, { condition: { '==': [{ var: 'amount' }, d] }, label: t(`Amount ${d}`, `金额 ${d}`) });
      edge(g, no.id as string, { default: true });
      const merge = task(`m${d}`);
      nodes.push(merge);
      edge(yes.id as string, merge.id as string);
      edge(no.id as string, merge.id as string);
      previous = merge.id as string;
      d++;
    }
    if (s < singles) {
      const single = task(`s${s}`);
      nodes.push(single);
      edge(previous, single.id as string);
      previous = single.id as string;
      s++;
    }
  }
  nodes.push({ id: 'end', type: 'end', name: t('End', '结束'), position: place() });
  edge(previous, 'end');
  return { kind: 'flow', key, title: t('Benchmark flow (1,000 nodes)', '基准流程（1000 节点）'), form: formKey, nodes, edges };
}

/** The small form the big flow binds (its conditions read `amount`). */
export function flowForm(key: string): Json {
  return {
    kind: 'form',
    key,
    title: t('Benchmark request', '基准申请'),
    fields: [{ key: 'amount', type: 'number', label: t('Amount', '金额') }],
  };
}

/**
 * 300 fields in blocks of six: a yes/no switch, then text, number, select, date and long text fields;
 * in every block the text is required when the switch is on, and the next four fields show only when it
 * is on (or, for the select, when the number is over 10), so typing changes visibility and requiredness.
 */
export function bigForm(key: string, fieldCount = 300): Json {
  const fields: Json[] = [];
  for (let b = 0; fields.length < fieldCount; b++) {
    const on = `on${b}`;
    const block: Json[] = [
      { key: on, type: 'boolean', label: t(`Applies ${b}`, `适用 ${b}`) },
      { key: `name${b}`, type: 'text', label: t(`Name ${b}`, `名称 ${b}`), requiredIf: { var: on } },
      { key: `qty${b}`, type: 'number', label: t(`Quantity ${b}`, `数量 ${b}`), visibleIf: { var: on } },
      {
        key: `kind${b}`,
        type: 'select',
        label: t(`Kind ${b}`, `类别 ${b}`),
        config: { options: [{ value: 'a', label: t('A', '甲') }, { value: 'b', label: t('B', '乙') }] },
        visibleIf: { or: [{ var: on }, { '>': [{ var: `qty${b}` }, 10] }] },
      },
      { key: `due${b}`, type: 'date', label: t(`Due ${b}`, `到期 ${b}`), visibleIf: { var: on } },
      { key: `note${b}`, type: 'long-text', label: t(`Note ${b}`, `备注 ${b}`), visibleIf: { '!=': [{ var: `name${b}` }, 'hide'] } },
    ];
    fields.push(...block.slice(0, fieldCount - fields.length));
  }
  return { kind: 'form', key, title: t('Benchmark form (300 fields)', '基准表单（300 字段）'), fields };
}
