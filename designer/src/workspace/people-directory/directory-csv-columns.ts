/** The fields a CSV row may set, in the order the sample file and the column help list them. */
export const CSV_FIELDS = ['id', 'name', 'email', 'departmentId', 'department', 'position', 'managerId', 'roles', 'hireDate', 'leaveDate', 'mobile'] as const;
export type CsvField = (typeof CSV_FIELDS)[number];

/** Fields a row must have a value for. */
export const REQUIRED_FIELDS: readonly CsvField[] = ['id', 'name'];

/**
 * Header spellings accepted for each field, compared after normalizing (lower case, no spaces, `_` or `-`):
 * English as the API names them, and the Chinese headers HR exports from other systems usually carry.
 */
const ALIASES: Record<CsvField, readonly string[]> = {
  id: ['id', 'userid', 'employeeid', '工号', '员工编号', '用户id', '账号'],
  name: ['name', 'fullname', '姓名', '名字'],
  email: ['email', 'mail', '邮箱', '电子邮箱'],
  departmentId: ['departmentid', 'deptid', '部门id', '部门编号'],
  department: ['department', 'departmentname', 'dept', '部门', '部门名称'],
  position: ['position', 'title', 'jobtitle', '职位', '岗位'],
  managerId: ['managerid', '上级id', '上级工号', '直属上级工号'],
  roles: ['roles', 'role', '角色'],
  hireDate: ['hiredate', 'startdate', '入职日期'],
  leaveDate: ['leavedate', 'enddate', '离职日期', '最后工作日'],
  mobile: ['mobile', 'phone', '手机', '手机号', '电话'],
};

function normalize(header: string): string {
  return header.trim().toLowerCase().replace(/[\s_-]+/g, '');
}

const BY_ALIAS = new Map<string, CsvField>(CSV_FIELDS.flatMap((field) => ALIASES[field].map((alias) => [alias, field] as const)));

/** The field a header names, or null for a column the import does not use. */
export function fieldOfHeader(header: string): CsvField | null {
  return BY_ALIAS.get(normalize(header)) ?? null;
}

/** An example value for each field (the sample file and the help table). */
export const CSV_EXAMPLES: Record<CsvField, string> = {
  id: 'zhang.san',
  name: '张三',
  email: 'zhang.san@example.com',
  departmentId: 'sales-east',
  department: 'Sales East',
  position: 'Account manager',
  managerId: 'li.wei',
  roles: 'hr;finance',
  hireDate: '2021-03-15',
  leaveDate: '',
  mobile: '+86 138 0000 0000',
};
