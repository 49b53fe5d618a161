import type { TranslationMessages } from 'ra-core';
import type { AppMessages } from './en';

/** react-admin's own messages in Chinese (the same keys as ra-language-english). */
const zhRa: TranslationMessages['ra'] = {
  action: {
    add_filter: '添加筛选', add: '添加', back: '返回', bulk_actions: '已选 %{smart_count} 项', cancel: '取消',
    clear_array_input: '清空列表', clear_input_value: '清除', clone: '复制', confirm: '确认', create: '新建',
    create_item: '新建 %{item}', delete: '删除', edit: '编辑', export: '导出', list: '列表', refresh: '刷新',
    remove_filter: '移除此筛选', remove_all_filters: '移除全部筛选', remove: '移除', reset: '重置', save: '保存',
    search: '搜索', search_columns: '搜索列', select_all: '全选', select_all_button: '全选', select_row: '选择此行',
    show: '查看', sort: '排序', undo: '撤销', unselect: '取消选择', expand: '展开', close: '关闭', open_menu: '打开菜单',
    close_menu: '关闭菜单', update: '更新', move_up: '上移', move_down: '下移', open: '打开', toggle_theme: '切换明暗主题',
    select_columns: '列', update_application: '重新加载应用',
  },
  boolean: { true: '是', false: '否', null: ' ' },
  page: {
    create: '新建%{name}', dashboard: '首页', edit: '%{name} %{recordRepresentation}', error: '出错了', list: '%{name}',
    loading: '加载中', not_found: '未找到', show: '%{name} %{recordRepresentation}', empty: '还没有%{name}。',
    invite: '要新建一个吗？', access_denied: '无权访问', authentication_error: '认证错误',
  },
  input: {
    file: { upload_several: '拖放文件上传，或点击选择。', upload_single: '拖放文件上传，或点击选择。' },
    image: { upload_several: '拖放图片上传，或点击选择。', upload_single: '拖放图片上传，或点击选择。' },
    references: { all_missing: '找不到关联数据。', many_missing: '至少一条关联记录已不存在。', single_missing: '关联记录已不存在。' },
    password: { toggle_visible: '隐藏密码', toggle_hidden: '显示密码' },
  },
  message: {
    about: '关于', access_denied: '您没有访问此页面的权限', are_you_sure: '确定吗？',
    authentication_error: '认证服务器返回错误，无法核验您的凭据。', auth_error: '验证认证令牌时出错。',
    bulk_delete_content: '确定删除这条%{name}吗？ |||| 确定删除这 %{smart_count} 项吗？',
    bulk_delete_title: '删除%{name} |||| 删除 %{smart_count} 个%{name}',
    bulk_update_content: '确定更新%{name} %{recordRepresentation}吗？ |||| 确定更新这 %{smart_count} 项吗？',
    bulk_update_title: '更新%{name} %{recordRepresentation} |||| 更新 %{smart_count} 个%{name}',
    clear_array_input: '确定清空整个列表吗？', delete_content: '确定删除这个%{name}吗？',
    delete_title: '删除%{name} %{recordRepresentation}', details: '详情', error: '客户端出错，请求未能完成。',
    invalid_form: '表单有误，请检查', loading: '请稍候', no: '否', not_found: '网址有误，或链接已失效。',
    select_all_limit_reached: '项目太多，无法全选。只选中了前 %{max} 项。',
    unsaved_changes: '部分修改尚未保存。确定放弃吗？', yes: '是', placeholder_data_warning: '网络问题：数据刷新失败。',
  },
  navigation: {
    clear_filters: '清除筛选', no_filtered_results: '当前筛选下没有%{name}。', no_results: '没有%{name}',
    no_more_results: '第 %{page} 页超出范围，请返回上一页。', page_out_of_boundaries: '第 %{page} 页超出范围',
    page_out_from_end: '已是最后一页', page_out_from_begin: '已是第一页', page_range_info: '%{offsetBegin}-%{offsetEnd}，共 %{total}',
    partial_page_range_info: '%{offsetBegin}-%{offsetEnd}，共 %{offsetEnd} 以上', current_page: '第 %{page} 页',
    page: '转到第 %{page} 页', first: '第一页', last: '最后一页', next: '下一页', previous: '上一页',
    page_rows_per_page: '每页行数：', skip_nav: '跳到内容',
  },
  sort: { sort_by: '按%{field_lower_first}%{order}排序', ASC: '升序', DESC: '降序' },
  auth: {
    auth_check_error: '请登录后继续', user_menu: '个人资料', username: '用户名', password: '密码', email: '电子邮箱',
    sign_in: '登录', sign_in_error: '认证失败，请重试', logout: '退出',
  },
  notification: {
    updated: '已更新 |||| 已更新 %{smart_count} 项', created: '已创建', deleted: '已删除 |||| 已删除 %{smart_count} 项',
    bad_item: '错误的项目', item_doesnt_exist: '项目不存在', http_error: '与服务器通信出错',
    data_provider_error: '数据提供者出错，详情见控制台。', i18n_error: '无法加载该语言的翻译', canceled: '操作已取消',
    logged_out: '会话已结束，请重新连接。', not_authorized: '您无权访问此资源。',
    application_update_available: '有新版本可用。', offline: '无网络连接，无法获取数据。',
  },
  validation: {
    required: '必填', minLength: '至少 %{min} 个字符', maxLength: '最多 %{max} 个字符', minValue: '不能小于 %{min}',
    maxValue: '不能大于 %{max}', number: '必须是数字', email: '必须是有效的电子邮箱', oneOf: '必须是以下之一：%{options}',
    regex: '格式不符（正则）：%{pattern}', unique: '必须唯一',
  },
  saved_queries: {
    label: '已存查询', query_name: '查询名称', new_label: '保存当前查询…', new_dialog_title: '将当前查询保存为',
    remove_label: '删除已存查询', remove_label_with_name: '删除查询“%{name}”', remove_dialog_title: '删除已存查询？',
    remove_message: '确定从已存查询中删除这一项吗？', help: '筛选列表并保存查询，以便以后使用',
  },
  guesser: { empty: { title: '没有可显示的数据', message: '请检查数据提供者' } },
  configurable: {
    customize: '自定义', configureMode: '配置此页面',
    inspector: { title: '检查器', content: '将鼠标移到界面元素上进行配置', reset: '重置设置', hideAll: '全部隐藏', showAll: '全部显示' },
    Datagrid: { title: '数据表', unlabeled: '未命名列 #%{column}' },
    SimpleForm: { title: '表单', unlabeled: '未命名输入 #%{input}' },
    SimpleList: { title: '列表', primaryText: '主文本', secondaryText: '次文本', tertiaryText: '第三文本' },
  },
};

const fieldsVillage = {
  id: 'ID', code: '代码', name: '名称', kind: '类型', townshipId: '乡镇/街道', countyId: '县区', households: '户数',
  population: '人口', villagerGroups: '村民小组数', areaM2: '面积', grids: '网格', partyUnits: '党组织',
  coverage: '覆盖', createdAt: '创建时间', updatedAt: '更新时间',
};

/** The app's own messages in Chinese (the glossary of ../shared/DOMAIN.md). */
export const zhApp: AppMessages = {
  wz: {
    app: { title: '吴忠网格', language: '语言' },
    menu: { dashboard: '首页', map: '覆盖地图' },
    enums: {
      GridKind: { VILLAGER_GROUP: '村民小组', NATURAL_VILLAGE: '自然村', RESIDENTIAL_COMPOUND: '小区', BUILDING: '楼栋', COMMERCIAL: '商贸楼宇', OTHER: '其他' },
      VillageKind: { VILLAGE: '村', COMMUNITY: '社区' },
      TownshipKind: { TOWN: '镇', TOWNSHIP: '乡', STREET: '街道', OTHER: '其他' },
      Employment: { FULL_TIME: '专职', PART_TIME: '兼职' },
      WorkerSource: { SENT_DOWN_CADRE: '下派干部', SPECIAL_RECRUITMENT: '专项招聘', PUBLIC_POST: '公岗补充', OTHER: '其他' },
      PartyUnitKind: {
        VILLAGE: '村党组织', COMMUNITY: '社区党组织', GRID: '网格党组织', BUILDING: '楼栋党小组', NATURAL_VILLAGE: '自然村党小组',
        INDUSTRY: '产业党组织', AGENCY: '机关单位党组织',
      },
      PartyUnitLevel: { COMMITTEE: '党委', GENERAL_BRANCH: '党总支', BRANCH: '党支部', GROUP: '党小组' },
      FindingKind: {
        UNCOVERED_LAND: '覆盖空白', OVERLAP: '网格重叠', SPILL: '网格超出所属单位', UNSTAFFED_GRID: '有网格无网格员',
        OVERSIZED_GRID: '网格过大', UNDERSIZED_GRID: '网格过小', GRID_COUNT_MISMATCH: '网格数与村民小组数不符',
        NO_PARTY_UNIT: '未建党组织', NO_GRID_PARTY_UNIT: '网格未建党组织',
      },
      Severity: { CRITICAL: '严重', WARNING: '警告', NOTICE: '提示' },
    },
    filters: {
      search: '搜索名称或代码', has_no_worker: '无网格员', over_500: '超过500户', no_party_unit: '未建党组织',
      roots_only: '仅顶层', active_only: '仅在岗',
    },
    fields: {
      record_map: '位置与相邻单位', neighbours: '相邻', covered_share: '覆盖率', uncovered: '覆盖空白',
      households_in_grids: '网格内户数', findings: '问题', on_map: '在地图上查看', no_geometry: '尚未录入边界。',
    },
    units: { m2: '%{value} 平方米', km2: '%{value} 平方公里', percent: '%{value}%' },
    map: {
      title: '覆盖地图',
      layers: '图层',
      layer: {
        counties: '县区', townships: '乡镇/街道', villages: '村/社区（覆盖率）', grids: '网格（最严重问题）',
        uncovered: '覆盖空白', overlaps: '网格重叠', labels: '网格名称',
      },
      unavailable: '服务器暂不提供',
      legend: '覆盖率',
      legend_grids: '网格边线',
      no_data: '无数据',
      no_finding: '无问题',
      search: '查找村、社区或网格',
      no_match: '没有匹配项',
      loading: '正在加载地图…',
      load_error: '无法加载地图数据：%{error}',
      fallback: '服务器暂不提供覆盖统计：仅显示记录。',
      features: '%{units} 个村/社区 · %{grids} 个网格',
      panel: {
        close: '关闭', open_record: '打开记录', edit_record: '编辑', households: '户数', workers: '在岗网格员',
        party_unit: '党组织', none: '无', severity: '最严重问题', covered_share: '覆盖率', uncovered: '覆盖空白',
        findings: '问题', area: '面积', gap: '覆盖空白', overlap: '两个网格重叠', grid_a: '网格甲', grid_b: '网格乙',
        village: '村/社区', kind: '类型', code: '代码',
      },
      tiles: '底图瓦片地址（可选）',
      tiles_help: '例如 https://tile.openstreetmap.org/{z}/{x}/{y}.png，留空则不加底图（离线）',
    },
    draw: {
      draw_grid: '绘制网格',
      draw_here: '在此绘制网格',
      pick_unit: '点击要在其中绘制网格的村或社区。',
      drawing_in: '在%{name}新建网格',
      draw_help: '单击添加顶点，单击第一个顶点闭合图形。顶点会吸附到村/社区边界和其网格（蓝色）。',
      form_help: '可拖动顶点调整形状，然后填写属性并保存。',
      snap_distance: '吸附距离（像素）',
      clip: '裁剪到村/社区范围内',
      kinks: '边界自相交（%{smart_count} 处），请移动标出的顶点。此形状不能保存。',
      error_bad_geometry: '边界无效：%{reason}。未保存任何内容。',
      error_overlaps: '与其他网格重叠超过 10 平方米：%{list}。未保存任何内容。',
      error_conflict: '此网格已被他人修改（版本冲突）。未保存任何内容：请取消后重试。',
      trim: '裁去重叠部分',
      redraw: '重画',
      saved: '已保存：%{label}',
      undo: '撤销：%{label}',
      undone: '已撤销：%{label}',
      undo_failed: '撤销失败',
      edit_boundary: '编辑边界',
      editing: '编辑 %{name}',
      edit_help: '拖动顶点（会吸附），拖动边中点可添加顶点，也可整体拖动网格。',
      move_shared: '同时移动相邻网格的共用边',
      split: '拆分',
      split_title: '拆分 %{name}',
      split_help: '画一条从网格外穿过网格到网格外的线；单击最后一个顶点结束。',
      split_copy: '两个网格都保留户数和人口',
      split_by_area: '按面积分配户数和人口',
      new_name: '新网格名称',
      finish_line: '结束画线',
      merge: '合并',
      merge_title: '合并 %{smart_count} 个网格',
      merge_help: '按住 Shift 单击（或直接单击）同一村/社区内相邻的网格以加入或移除。保留第一个网格。',
      merge_name: '合并后的网格名称',
      delete: '删除',
      delete_confirm: '删除网格 %{name}？其范围将成为覆盖空白（可撤销）。',
      gap_new: '新建网格覆盖此空白',
      gap_extend: '将相邻网格扩展到此空白',
      gap_none: '本村/社区没有与此空白相邻的网格。',
      gap_click: '在地图上单击空白处即可操作。',
      unsaved: '绘制内容尚未保存。离开此页面将丢失，确定离开吗？',
      geometry: '边界',
      geometry_help: '在地图上绘制或编辑边界，会吸附到村/社区边界和其他网格。',
      geometry_required: '请在地图上绘制边界',
      pick_village_first: '请先选择村/社区。',
      op: {
        create: '新网格 %{name}', edit: '%{name} 的边界', split: '拆分 %{name}', merge: '合并为 %{name}',
        delete: '删除 %{name}', gap: '覆盖空白的网格 %{name}', extend: '扩展 %{name}',
      },
    },
    dashboard: {
      title: '吴忠市网格化治理', figures: '数据统计', villages: '村', communities: '社区', grids: '网格', workers: '网格员',
      party_units: '党组织', households: '户数', coverage_by_county: '各县区覆盖率', serious_findings: '最严重的问题',
      no_findings: '没有问题。', unavailable: '服务器暂不提供。', by_kind: '按类型', by_source: '按来源',
      by_employment: '按专兼职', by_level: '按层级', open_map: '打开地图',
      report: '市级报告与数据对照', report_figure: '指标', report_data: '数据', report_city: '市级报告（2020）',
      report_rows: {
        villages: '村', communities: '社区', village_grids: '村网格', community_grids: '社区网格', workers: '网格员',
        natural_village_groups: '自然村党小组', industry: '产业党组织', committees: '社区党委', grid_branches: '网格党支部',
        grid_groups: '网格党小组', households: '户数', population: '人口',
      },
    },
    errors: {
      BAD_GEOMETRY: '边界无效', BAD_USER_INPUT: '输入有误', NOT_FOUND: '未找到', CONFLICT: '冲突（已被他人修改，或仍在使用）',
      FORBIDDEN: '不允许', UNAUTHENTICATED: '请登录', INTERNAL_SERVER_ERROR: '服务器错误', NETWORK: '无法连接服务器',
    },
    // 账号（议题 7）：角色、本人账号、用户、API 密钥、修改记录。
    roles: { ADMIN: '管理员', EDITOR: '编辑', ANALYST: '分析员', SERVICE: '服务', SYSTEM: '系统' },
    account: {
      change_password: '修改密码',
      change_password_help: '修改后，您在其他地方的登录将失效；本页面以新密码继续登录。',
      old_password: '当前密码',
      new_password: '新密码',
      repeat_password: '再次输入新密码',
      too_short: '至少 8 个字符',
      mismatch: '两次输入的新密码不一致',
      wrong_old: '当前密码不正确',
      password_changed: '密码已修改。',
      draft_restored: '已恢复重新登录前未保存的修改。请核对后保存。',
      draft_discard: '放弃这些修改',
    },
    users: {
      new_password: '新密码',
      new_password_help: '留空则保留原密码',
      scope_help: '编辑只能修改这些县区和乡镇/街道内的数据',
    },
    api_keys: {
      status: '状态',
      active: '有效',
      revoked: '已吊销',
      revoke: '吊销',
      revoke_title: '吊销密钥“%{name}”？',
      revoke_content: '使用此密钥的服务将立即失去访问权限。此操作无法撤销。',
      revoked_done: '密钥“%{name}”已吊销。',
      created_title: '已创建 API 密钥“%{name}”',
      shown_once: '请立即复制密钥：关闭后将不再显示。系统只保留前几个字符用于识别。',
      copy: '复制',
      copied: '已复制到剪贴板',
      usage: '调用时发送 “Authorization: ApiKey <密钥>”（或 X-Api-Key 请求头）。',
      done: '我已复制',
      name_help: '使用它的服务，例如“全市报表”',
      coverage_only_help: '仅限覆盖情况、覆盖问题和 gridAt',
    },
    history: {
      tab: '修改记录',
      details: '详情',
      empty: '没有修改记录。',
      newest: '最近 %{n} 条，共 %{total} 条修改',
      field: '字段',
      before: '修改前',
      after: '修改后',
      geometry: '边界',
      geometry_changed: '边界已修改',
      area: '面积',
      show_outlines: '显示边界对比',
      hide_outlines: '隐藏边界对比',
      no_changes: '没有字段变化。',
      restore: '恢复',
      restore_before: '恢复到此次修改前',
      restore_after: '恢复到此版本',
      restore_before_confirm: '网格的边界和属性将恢复为此次修改之前的样子。恢复操作本身也会被记录。',
      restore_after_confirm: '网格的边界和属性将恢复为此次修改之后的样子。恢复操作本身也会被记录。',
      restored: '网格已恢复。',
      ops: {
        create: '新建', update: '修改', delete: '删除', updateBoundary: '调整边界', split: '拆分', merge: '合并',
        extendOverGap: '扩展覆盖空白', revoke: '吊销', restore: '恢复',
      },
      types: {
        County: '县区', Township: '乡镇/街道', Village: '村/社区', Grid: '网格', GridWorker: '网格员', PartyUnit: '党组织', User: '用户', ApiKey: 'API 密钥',
      },
      columns: {
        geometry: '边界', name: '名称', code: '代码', kind: '类型', level: '层级', villageId: '村/社区', townshipId: '乡镇/街道',
        countyId: '县区', parentId: '上级党组织', gridId: '网格', households: '户数', population: '人口',
        villagerGroups: '村民小组数', members: '党员数', phone: '电话', source: '来源', employment: '专兼职', active: '在岗/启用',
        username: '用户名', displayName: '姓名', role: '角色', countyIds: '县区', townshipIds: '乡镇/街道',
        lockedUntil: '锁定至', failedAttempts: '登录失败次数', passwordChangedAt: '密码修改时间', coverageOnly: '仅限覆盖',
        prefix: '密钥前缀', revokedAt: '吊销时间', lastUsedAt: '最近使用', createdBy: '创建人',
      },
    },
  },
  resources: {
    counties: {
      name: '县区',
      fields: { id: 'ID', code: '代码', name: '名称', areaM2: '面积', townships: '乡镇/街道', createdAt: '创建时间', updatedAt: '更新时间', version: '版本' },
    },
    townships: {
      name: '乡镇/街道',
      fields: { id: 'ID', code: '代码', name: '名称', kind: '类型', countyId: '县区', areaM2: '面积', villages: '村/社区', createdAt: '创建时间', updatedAt: '更新时间' },
    },
    villages: { name: '村', fields: fieldsVillage },
    communities: { name: '社区', fields: fieldsVillage },
    grids: {
      name: '网格',
      fields: {
        id: 'ID', code: '代码', name: '名称', kind: '类型', villageId: '村/社区', countyId: '县区', townshipId: '乡镇/街道',
        households: '户数', population: '人口', workerIds: '网格员', workers: '网格员', partyUnit: '党组织',
        partyUnits: '党组织', areaM2: '面积', findings: '问题', createdAt: '创建时间', updatedAt: '更新时间',
      },
    },
    'party-units': {
      name: '党组织',
      fields: {
        id: 'ID', name: '名称', kind: '类型', level: '层级', members: '党员数', parentId: '上级党组织', children: '下级党组织',
        villageId: '村/社区', gridId: '网格', countyId: '县区', townshipId: '乡镇/街道', createdAt: '创建时间', updatedAt: '更新时间',
      },
    },
    'grid-workers': {
      name: '网格员',
      fields: {
        id: 'ID', name: '姓名', phone: '电话', source: '来源', employment: '专兼职', active: '在岗', gridIds: '网格', countyId: '县区',
        townshipId: '乡镇/街道', villageId: '村/社区', createdAt: '创建时间', updatedAt: '更新时间',
      },
    },
    findings: {
      name: '覆盖问题',
      fields: {
        id: 'ID', kind: '类型', severity: '严重程度', villageId: '村/社区', gridId: '网格', message: '问题', messageZh: '问题（中文）',
        messageEn: '问题（英文）', areaM2: '面积', countyId: '县区', townshipId: '乡镇/街道',
      },
    },
    users: {
      name: '用户',
      fields: {
        id: 'ID', username: '用户名', displayName: '姓名', role: '角色', countyIds: '县区（编辑）', townshipIds: '乡镇/街道（编辑）',
        active: '启用', lockedUntil: '锁定至', password: '密码', createdAt: '创建时间', updatedAt: '更新时间', q: '搜索',
      },
    },
    keys: {
      name: 'API 密钥',
      fields: {
        id: 'ID', name: '名称', prefix: '密钥', coverageOnly: '仅限覆盖', createdBy: '创建人', createdAt: '创建时间',
        lastUsedAt: '最近使用', revokedAt: '吊销时间', revoked: '已吊销', key: '密钥',
      },
    },
    'audit-events': {
      name: '修改记录',
      fields: {
        id: 'ID', at: '时间', username: '操作人', role: '角色', operation: '操作', recordType: '记录类型', recordId: '记录',
        from: '起始时间', to: '截止时间', before: '修改前', after: '修改后',
      },
    },
  },
};

export const zh: TranslationMessages = { ra: zhRa, ...zhApp };
export default zh;

/** 第 16 号议题：整改、民情交办单、成员单位、覆盖趋势。并入 zhApp。 */
import type { LoopMessages } from './en';
export const zhLoop: LoopMessages = {
  wz: {
    menu_loop: { report: '上报问题' },
    trend: {
      title: '覆盖趋势', covered_share: '覆盖率', grids: '网格数', workers: '网格员', unstaffed: '无网格员的网格',
      oversized: '超过 1000 户的社区网格', critical: '严重问题', generated_note: '首次每日快照之前的历史按改革进程生成（虚线），为演示数据，并非记录。',
      empty: '还没有快照。', unit: '本单位覆盖趋势',
    },
    rect: {
      status: { OPEN: '待整改', WAIVED: '已豁免', CLOSED: '已销号' },
      action: { OPENED: '发现', ASSIGNED: '交办', COMMENTED: '备注', WAIVED: '豁免', UNWAIVED: '撤销豁免', AUTO_CLOSED: '自动销号（问题已消除）', REOPENED: '重新打开（问题再现）' },
      overdue: '已超期', assigned: '已交办', mine: '我的待办', days_overdue: '超期 %{n} 天', days_overdue_total: '超期天数',
      assign_township: '责任乡镇', deadline: '整改期限', note: '整改措施', assign: '交办', assigned_done: '已交办',
      comment: '备注', send: '提交', commented: '已添加备注', waive_reason: '豁免理由', waive: '豁免', waived: '已豁免',
      unwaive: '撤销豁免', unwaived: '已撤销豁免', by_kind: '按类型整改情况', queue: '整改台账',
      ranking: '乡镇排名', ranking_rule: '按未整改严重问题数、超期天数排序', open_critical: '未整改严重问题',
    },
    wo: {
      status: { REPORTED: '已上报', ASSIGNED: '已交办', CLAIMED: '已认领', DONE: '已办结', SCORED: '已评价', CANCELLED: '已撤销' },
      channel: { STAFF: '工作人员', GRID_WORKER: '网格员', SERVICE: '外部服务（API 密钥）' },
      routing: { GRID: '位于一个网格内', SHARED_BOUNDARY: '位于网格共用边界（取第一个网格）', UNCOVERED: '位于覆盖空白（分派到所在村/社区）', GIVEN: '指定村/社区，无网格' },
      overdue: '已超期', flagged: '需关注', open_only: '仅未办结', mine: '我的待办', member_unit: '成员单位', deadline: '办理期限',
      assign: '交办', assigned_done: '已交办', claim: '认领', claimed_done: '已认领', result: '办理结果', report: '报告办理结果',
      reported_done: '已报告办理结果', scale: '评分方式', scale_five: '1–5 分', scale_hundred: '0–100 分', score: '评分', score_comment: '评价意见',
      score_action: '考核赋分', scored_done: '已评分', timeline: '办理进度', lng: '经度', lat: '纬度',
      village_if_no_point: '村/社区（无坐标时）', report_title: '上报问题', report_sent: '已提交：交办单 %{code}',
      open_order: '查看交办单', report_another: '继续上报', use_location: '使用当前位置', no_location: '无法获取位置',
      route_preview: '→ %{village} · 网格 %{grid} · 网格员 %{worker}（%{routing}）', send: '提交', layer: '民情交办单',
      dashboard_title: '民情交办与结对共建', all: '全部交办单',
      generated_note: '成员单位、结对与交办单为按报告数字生成的演示数据。',
      figures: {
        joint_committees: '联合党委（同心县）', committee_member_units: '联合党委成员单位', work_orders_claimed: '认领的民情交办单',
        pairings: '与社区结对的单位', paired_communities: '有结对单位的社区', reported_party_members: '到社区报到的在职党员（双报到）',
        work_orders: '民情交办单', work_orders_done: '已办结', work_orders_scored: '社区已考核赋分', average_score: '平均得分（0–100）',
        work_orders_overdue: '未办结且超期',
      },
    },
    mu: {
      kind: { AGENCY: '机关', ENTERPRISE: '企业', INSTITUTION: '事业单位', SOCIAL_ORGANISATION: '社会组织', OTHER: '其他' },
      figures: { title: '交办单', total: '交办', claimed: '认领', done: '办结', scored: '已评价', averageScore: '平均得分', overdue: '超期' },
      orders: '交办单',
    },
  },
  resources: {
    rectifications: {
      name: '整改台账',
      fields: {
        id: 'ID', findingId: '问题编号', kind: '类型', severity: '严重程度', subjectName: '对象', villageId: '村/社区',
        townshipName: '乡镇/街道', status: '状态', assigneeTownshipName: '责任乡镇', assigneeUsername: '责任人',
        deadline: '整改期限', note: '整改措施', waiveReason: '豁免理由', openedAt: '发现时间', closedAt: '销号时间', reopenCount: '重新打开次数',
        events: '整改记录', finding: '问题', q: '搜索', countyId: '县区', townshipId: '乡镇/街道',
      },
    },
    'work-orders': {
      name: '民情交办单',
      fields: {
        id: 'ID', code: '编号', title: '问题', description: '描述', category: '类别', address: '地址', status: '状态',
        channel: '上报方式', routing: '分派', villageId: '村/社区', villageName: '村/社区', gridId: '网格', gridName: '网格',
        workerId: '网格员', memberUnitId: '成员单位', memberUnitName: '成员单位', deadline: '办理期限', result: '办理结果',
        score: '评分', score100: '得分（百分制）', scoreComment: '评价意见', flagged: '标记', reporterName: '反映人', reporterPhone: '电话',
        createdAt: '上报时间', q: '搜索', countyId: '县区', townshipId: '乡镇/街道',
      },
    },
    'member-units': {
      name: '成员单位',
      fields: {
        id: 'ID', name: '名称', kind: '类型', contactName: '联系人', contactPhone: '电话', committeeVillageId: '所属联合党委',
        committeeVillageName: '所属联合党委', pairedVillageIds: '结对社区', reportedMembers: '双报到党员',
        generated: '生成数据', q: '搜索', countyId: '县区', townshipId: '乡镇/街道', villageId: '社区',
      },
    },
  },
};
Object.assign(zhApp.wz, zhLoop.wz);
Object.assign(zhApp.resources, zhLoop.resources);
