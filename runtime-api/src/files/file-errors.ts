import { defineErrors } from '@baton/engine';

/** Codes of uploads, downloads and the file references form data holds. */
export const FILE_ERRORS = defineErrors({
  BATON_E_FILE_TOO_LARGE: {
    status: 413,
    en: 'Send a smaller file: at most {limit} bytes are accepted (BATON_FILE_LIMIT).',
    'zh-CN': '请上传更小的文件：最多接受 {limit} 字节（BATON_FILE_LIMIT）。',
  },
  BATON_E_FILE_TYPE_NOT_ALLOWED: {
    status: 415,
    en: 'Files of type "{contentType}" are not accepted: send one of {allowed} (BATON_FILE_TYPES).',
    'zh-CN': '不接受类型为“{contentType}”的文件：请上传以下类型之一：{allowed}（BATON_FILE_TYPES）。',
  },
  BATON_E_FILE_MULTIPART_REQUIRED: {
    status: 415,
    en: 'Send the upload as multipart/form-data with the file in a part named "file".',
    'zh-CN': '请以 multipart/form-data 格式上传，文件放在名为“file”的部分中。',
  },
  BATON_E_FILE_MISSING: {
    status: 400,
    en: 'The upload holds no file: add the file as a multipart part named "file" with a filename.',
    'zh-CN': '上传内容中没有文件：请把文件作为名为“file”且带文件名的 multipart 部分发送。',
  },
  BATON_E_FILE_UPLOAD_MALFORMED: {
    status: 400,
    en: 'The multipart upload cannot be read ({detail}): send one part named "file" with a filename, as a browser\'s FormData does.',
    'zh-CN': '无法读取该 multipart 上传（{detail}）：请发送一个名为“file”且带文件名的部分，与浏览器 FormData 的格式相同。',
  },
  BATON_E_FILE_UPLOAD_INCOMPLETE: {
    status: 400,
    en: 'The upload ended before the file was complete: send it again.',
    'zh-CN': '文件尚未传完上传就中断了：请重新上传。',
  },
  BATON_E_FILE_NOT_FOUND: {
    status: 404,
    en: 'There is no file {fileId} that you may see: check the id.',
    'zh-CN': '不存在您可查看的文件 {fileId}：请核对编号。',
  },
  BATON_E_FILE_REFERENCE_INVALID: {
    status: 422,
    en: 'File {fileId} is not one you uploaded or one already attached here: upload it with POST /api/files and use the reference it returns.',
    'zh-CN': '文件 {fileId} 不是您上传的，也未附加在此处：请用 POST /api/files 上传，并使用返回的引用。',
  },
  BATON_E_FILE_REFERENCE_MISMATCH: {
    status: 422,
    en: 'The reference to file {fileId} does not match the upload ({field} differs): send the reference exactly as POST /api/files returned it.',
    'zh-CN': '文件 {fileId} 的引用与上传内容不符（{field} 不同）：请原样使用 POST /api/files 返回的引用。',
  },
  BATON_E_FILE_STORE_UNAVAILABLE: {
    status: 503,
    en: 'The file store cannot be reached right now: retry in a few seconds (see Retry-After).',
    'zh-CN': '暂时无法访问文件存储：请在几秒后重试（见 Retry-After）。',
  },
});
