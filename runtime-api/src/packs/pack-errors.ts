import { defineErrors } from '@baton/engine';

// The engine's PACK_ERRORS cover the manifest itself; these are about the bundle around it and the import.
export const PACK_IMPORT_ERRORS = defineErrors({
  BATON_E_PACK_INVALID: {
    status: 422,
    en: 'Fix the pack: each problem is listed in issues with its path in the bundle; nothing was imported.',
    'zh-CN': '请修正模板包：每个问题及其在包中的路径都列在 issues 中；本次未导入任何内容。',
  },
  BATON_E_PACK_DEFINITION_NOT_LISTED: {
    status: 422,
    en: 'The {kind} "{key}" is in "definitions" but the manifest does not list it: add {"kind": "{kind}", "key": "{key}", "file": …} to the manifest\'s "definitions", or remove it.',
    'zh-CN': '{kind} "{key}" 在 "definitions" 中，但清单未列出它：请在清单的 "definitions" 中添加 {"kind": "{kind}", "key": "{key}", "file": …}，或删除它。',
  },
  BATON_E_PACK_DEFINITION_MISSING: {
    status: 422,
    en: 'The manifest lists the {kind} "{key}" as a file, but the bundle\'s "definitions" do not hold it: add the definition to "definitions".',
    'zh-CN': '清单将 {kind} "{key}" 列为文件，但包的 "definitions" 中没有它：请把该定义加入 "definitions"。',
  },
  BATON_E_PACK_DEFINITION_TWICE: {
    status: 422,
    en: 'The {kind} "{key}" appears more than once in the bundle (also at {first}): keep one copy.',
    'zh-CN': '{kind} "{key}" 在包中出现了不止一次（另见 {first}）：请只保留一份。',
  },
  BATON_E_PACK_DEFINITION_UNNAMED: {
    status: 422,
    en: 'Give this definition a "kind" and a "key" (strings), so it can be matched with the manifest.',
    'zh-CN': '请为此定义提供字符串类型的 "kind" 和 "key"，以便与清单匹配。',
  },
  BATON_E_PACK_SEED_MISSING: {
    status: 422,
    en: 'This seed entry refers to a file, but the bundle\'s "seed" holds no {what}: add its data to "seed", or mark the entry "demo".',
    'zh-CN': '此种子数据条目引用了文件，但包的 "seed" 中没有{whatZh}：请把数据加入 "seed"，或将该条目标记为 "demo"。',
  },
  BATON_E_PACK_SEED_FORM_UNKNOWN: {
    status: 422,
    en: 'There is no form "{form}" in the pack or installed for these seed records: add the form to the pack or fix the key.',
    'zh-CN': '这些种子记录对应的表单 "{form}" 既不在模板包中也未安装：请把该表单加入模板包，或修正键名。',
  },
  BATON_E_PACK_SEED_RECORD_ID: {
    status: 422,
    en: 'A seed record\'s "$id" must be text of 1 to 128 letters, digits, ".", "_", ":" or "-" ("demo-customer-01"), and unique in the seed: fix or remove it.',
    'zh-CN': '种子记录的 "$id" 必须是 1 到 128 个字母、数字或 "."、"_"、":"、"-" 组成的文本（如 "demo-customer-01"），且在种子数据中唯一：请修正或删除。',
  },
  BATON_E_PACK_VERSION_CHANGED: {
    status: 409,
    en: 'Pack "{key}" version {version} was already imported with other content: raise "version" in the manifest to import the changes.',
    'zh-CN': '模板包 "{key}" 的第 {version} 版已用不同的内容导入过：请提高清单中的 "version" 后再导入这些更改。',
  },
  BATON_E_PACK_VERSION_OLDER: {
    status: 409,
    en: 'Pack "{key}" version {version} is older than the installed version {installed}: import version {next} or above.',
    'zh-CN': '模板包 "{key}" 的第 {version} 版早于已安装的第 {installed} 版：请导入第 {next} 版或更高版本。',
  },
  BATON_E_PACK_DRAFTS_PENDING: {
    status: 409,
    en: 'Definitions the pack changes have unpublished drafts (listed in issues): publish them first, then import again.',
    'zh-CN': '模板包要更改的定义存在未发布的草稿（见 issues）：请先发布它们，再重新导入。',
  },
  BATON_E_PACK_DRAFT_PENDING: {
    status: 409,
    en: 'The {kind} "{key}" has an unpublished draft (version {version}): publish it first, then import the pack again.',
    'zh-CN': '{kind} "{key}" 有未发布的草稿（第 {version} 版）：请先发布，再重新导入模板包。',
  },
  BATON_E_PACK_NOT_FOUND: {
    status: 404,
    en: 'No pack "{key}"{version} has been imported: check the key, or import it with POST /api/packs/import.',
    'zh-CN': '尚未导入模板包 "{key}"{version}：请检查键名，或通过 POST /api/packs/import 导入。',
  },
  BATON_E_PACK_PARAMETER_UNKNOWN: {
    status: 422,
    en: 'Pack "{key}" declares no parameter "{parameter}": use one of {known}; nothing was changed.',
    'zh-CN': '模板包 "{key}" 没有声明参数 "{parameter}"：请使用 {known} 之一；本次未做任何更改。',
  },
  BATON_E_PACK_PARAMETER_VALUE: {
    status: 422,
    en: 'Fix the parameter values: each problem is listed in issues with its path (type, minimum, maximum or options as pack.json declares them); nothing was changed.',
    'zh-CN': '请修正参数值：每个问题及其路径都列在 issues 中（类型、最小值、最大值或选项以 pack.json 的声明为准）；本次未做任何更改。',
  },
});
