import { CSV_EXAMPLES, CSV_FIELDS } from './directory-csv-columns.js';

/** The sample file's rows (headers are CSV_FIELDS): two people, one reporting to the other, in new departments. */
export function sampleCsvRows(): string[][] {
  return [
    ['li.wei', 'Li Wei', 'li.wei@example.com', 'sales', 'Sales', 'Head of sales', '', 'manager', '2016-05-03', '', ''],
    CSV_FIELDS.map((f) => CSV_EXAMPLES[f]),
  ];
}
