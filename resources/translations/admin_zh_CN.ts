<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AccountsDialog</name>
    <message>
        <source>Clerk</source>
        <translation>录入员</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Clerk accounts</source>
        <translation>操作员账户</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Selected clerk</source>
        <translation>选中的操作员</translation>
    </message>
    <message>
        <source>Change &amp;role</source>
        <translation>更改角色(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;New password…</source>
        <translation>设置新密码(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Deactivate</source>
        <translation>停用(&amp;D)</translation>
    </message>
    <message>
        <source>Add a clerk</source>
        <translation>添加操作员</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>姓名：</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>角色：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Password again:</source>
        <translation>再次输入密码：</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>active</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>deactivated</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>R&amp;eactivate</source>
        <translation>重新启用(&amp;E)</translation>
    </message>
    <message>
        <source>%1 is now: %2.</source>
        <translation>%1 现在的角色：%2。</translation>
    </message>
    <message>
        <source>%1 can sign in again.</source>
        <translation>%1 可以重新登录了。</translation>
    </message>
    <message>
        <source>%1 can no longer sign in; their records and trail entries stay.</source>
        <translation>%1 已不能登录；其录入的记录和痕迹保留不变。</translation>
    </message>
    <message>
        <source>New password set for %1.</source>
        <translation>已为 %1 设置新密码。</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>Account added.</source>
        <translation>账户已添加。</translation>
    </message>
</context>
<context>
    <name>AuditModel</name>
    <message>
        <source>Created</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Edited</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Sign-in failed</source>
        <translation>登录失败</translation>
    </message>
    <message>
        <source>Signed out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Restored</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Backed up</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Set up</source>
        <translation>初始设置</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Form installed</source>
        <translation>安装表单</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>数据同步</translation>
    </message>
    <message>
        <source>Cross-check</source>
        <translation>协查</translation>
    </message>
    <message>
        <source>Correction</source>
        <translation>纠错</translation>
    </message>
    <message>
        <source>Entry task</source>
        <translation>录入任务</translation>
    </message>
    <message>
        <source>Keyed</source>
        <translation>录入计时</translation>
    </message>
    <message>
        <source>Deletion taken back</source>
        <translation>撤销删除</translation>
    </message>
    <message>
        <source>Verified by re-keying</source>
        <translation>重录核实</translation>
    </message>
    <message>
        <source>ID shown in full</source>
        <translation>查看完整身份号码</translation>
    </message>
    <message>
        <source>account</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>previous</source>
        <translation>原数据库</translation>
    </message>
    <message>
        <source>report</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>to</source>
        <translation>去向</translation>
    </message>
    <message>
        <source>pages</source>
        <translation>页数</translation>
    </message>
    <message>
        <source>date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>county</source>
        <translation>县</translation>
    </message>
    <message>
        <source>bundle</source>
        <translation>数据包</translation>
    </message>
    <message>
        <source>row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>from row</source>
        <translation>起始行</translation>
    </message>
    <message>
        <source>count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>form</source>
        <translation>表单</translation>
    </message>
    <message>
        <source>version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>what</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>records</source>
        <translation>记录数</translation>
    </message>
    <message>
        <source>matched by</source>
        <translation>比对依据</translation>
    </message>
    <message>
        <source>field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>search</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>filter</source>
        <translation>筛选</translation>
    </message>
    <message>
        <source>record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>why</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>place</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>request</source>
        <translation>协查请求</translation>
    </message>
    <message>
        <source>asked</source>
        <translation>被协查乡镇</translation>
    </message>
    <message>
        <source>answer</source>
        <translation>答复</translation>
    </message>
    <message>
        <source>task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>stays</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>follow-up task</source>
        <translation>后续任务</translation>
    </message>
    <message>
        <source>batch No.</source>
        <translation>批次号</translation>
    </message>
    <message>
        <source>keyed by</source>
        <translation>录入人</translation>
    </message>
    <message>
        <source>verified by</source>
        <translation>核验人</translation>
    </message>
    <message>
        <source>fields</source>
        <translation>字段数</translation>
    </message>
    <message>
        <source>fields changed</source>
        <translation>更改字段数</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>秒数</translation>
    </message>
    <message>
        <source>errors</source>
        <translation>错误数</translation>
    </message>
    <message>
        <source>keys</source>
        <translation>密钥数</translation>
    </message>
    <message>
        <source>messages reopened</source>
        <translation>重新打开的消息</translation>
    </message>
    <message>
        <source>rejoined at bundle No.</source>
        <translation>重新接入时的数据包序号</translation>
    </message>
    <message>
        <source>rows replaced</source>
        <translation>替换的行数</translation>
    </message>
    <message>
        <source>was at row</source>
        <translation>原在行</translation>
    </message>
    <message>
        <source>county bundle No.</source>
        <translation>县级数据包序号</translation>
    </message>
    <message>
        <source>the county holds rows up to</source>
        <translation>县里已有到第几行</translation>
    </message>
    <message>
        <source>records sent back</source>
        <translation>发回的记录数</translation>
    </message>
    <message>
        <source>updates installed</source>
        <translation>已安装的更新</translation>
    </message>
    <message>
        <source>audit trail row</source>
        <translation>操作痕迹行号</translation>
    </message>
    <message>
        <source>unlocked</source>
        <translation>解锁</translation>
    </message>
    <message>
        <source>first sign-in</source>
        <translation>首次登录</translation>
    </message>
    <message>
        <source>deleted because</source>
        <translation>删除原因</translation>
    </message>
    <message>
        <source>bundle No.</source>
        <translation>数据包序号</translation>
    </message>
    <message>
        <source>acknowledged up to No.</source>
        <translation>已确认至序号</translation>
    </message>
    <message>
        <source>messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>due</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>outside the county</source>
        <translation>县外</translation>
    </message>
    <message>
        <source>ID numbers in full</source>
        <translation>完整身份号码</translation>
    </message>
    <message>
        <source>choices as codes</source>
        <translation>选项导出为代码</translation>
    </message>
    <message>
        <source>verification batch drawn</source>
        <translation>抽取核验批次</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>已核验</translation>
    </message>
    <message>
        <source>account created</source>
        <translation>创建账户</translation>
    </message>
    <message>
        <source>account switched off</source>
        <translation>停用账户</translation>
    </message>
    <message>
        <source>account switched on again</source>
        <translation>重新启用账户</translation>
    </message>
    <message>
        <source>role changed</source>
        <translation>更改角色</translation>
    </message>
    <message>
        <source>password reset</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <source>bundle written</source>
        <translation>写出数据包</translation>
    </message>
    <message>
        <source>bundle read</source>
        <translation>读入数据包</translation>
    </message>
    <message>
        <source>own password changed</source>
        <translation>修改本人密码</translation>
    </message>
    <message>
        <source>new request</source>
        <translation>新请求</translation>
    </message>
    <message>
        <source>sign-in lock after failed tries set</source>
        <translation>已设置登录失败锁定次数</translation>
    </message>
    <message>
        <source>password reset with the recovery key</source>
        <translation>用恢复密钥重设密码</translation>
    </message>
    <message>
        <source>new recovery key made</source>
        <translation>已生成新的恢复密钥</translation>
    </message>
    <message>
        <source>request answered</source>
        <translation>已答复协查请求</translation>
    </message>
    <message>
        <source>requests written for the provincial channel</source>
        <translation>已写出报省级的协查请求</translation>
    </message>
    <message>
        <source>correction raised</source>
        <translation>已发起更正</translation>
    </message>
    <message>
        <source>marked fixed</source>
        <translation>已标记为已更正</translation>
    </message>
    <message>
        <source>disputed</source>
        <translation>提出异议</translation>
    </message>
    <message>
        <source>dispute accepted</source>
        <translation>异议成立</translation>
    </message>
    <message>
        <source>dispute rejected</source>
        <translation>异议不成立</translation>
    </message>
    <message>
        <source>decided: the same person</source>
        <translation>裁定：同一人</translation>
    </message>
    <message>
        <source>decided: different people</source>
        <translation>裁定：不同的人</translation>
    </message>
    <message>
        <source>key revoked</source>
        <translation>已吊销密钥</translation>
    </message>
    <message>
        <source>a PC that lost its place asked to rejoin</source>
        <translation>丢失同步位置的电脑请求重新接入</translation>
    </message>
    <message>
        <source>history replaced from the county&apos;s copy</source>
        <translation>已用县里的副本替换历史</translation>
    </message>
    <message>
        <source>changes to be sent again</source>
        <translation>更改将重新发送</translation>
    </message>
    <message>
        <source>rejoined with the county&apos;s copy</source>
        <translation>已按县里的副本重新接入</translation>
    </message>
    <message>
        <source>clerk</source>
        <translation>录入员</translation>
    </message>
    <message>
        <source>supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>data bundle</source>
        <translation>数据包</translation>
    </message>
    <message>
        <source>return bundle</source>
        <translation>回执包</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份号码</translation>
    </message>
    <message>
        <source>record slip</source>
        <translation>登记回执</translation>
    </message>
    <message>
        <source>records list</source>
        <translation>记录列表</translation>
    </message>
    <message>
        <source>comparison of two entries</source>
        <translation>两次录入比对</translation>
    </message>
    <message>
        <source>daily summary</source>
        <translation>日报</translation>
    </message>
    <message>
        <source>monthly circular</source>
        <translation>月度通报</translation>
    </message>
    <message>
        <source>PDF file</source>
        <translation>PDF 文件</translation>
    </message>
    <message>
        <source>printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>wrong name or password</source>
        <translation>用户名或密码错误</translation>
    </message>
    <message>
        <source>account locked</source>
        <translation>账户已锁定</translation>
    </message>
    <message>
        <source>too many tries</source>
        <translation>尝试次数过多</translation>
    </message>
    <message>
        <source>filtered</source>
        <translation>已筛选</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1：%2 → %3</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>complete</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>status: %1 → %2</source>
        <translation>状态：%1 → %2</translation>
    </message>
    <message>
        <source>1 field entered</source>
        <translation>录入 1 个字段</translation>
    </message>
    <message>
        <source>%n fields entered</source>
        <translation>录入 %n 个字段</translation>
    </message>
    <message>
        <source>warnings overridden: %1</source>
        <translation>已忽略的警告：%1</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>录入员</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Changes (old → new)</source>
        <translation>变更（原值 → 新值）</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>Record number</source>
        <translation>记录编号</translation>
    </message>
    <message>
        <source>All clerks</source>
        <translation>全部操作员</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来自</translation>
    </message>
    <message>
        <source>&amp;Reveals only</source>
        <translation>只看查看完整号码(&amp;R)</translation>
    </message>
    <message>
        <source>Only ID numbers shown in full, exports with full ID numbers and printed record slips, with who and why</source>
        <translation>只显示查看完整身份号码、导出完整身份号码和打印登记回执的记录，含操作人和原因</translation>
    </message>
    <message>
        <source>&amp;Check the chain</source>
        <translation>校验痕迹链(&amp;C)</translation>
    </message>
    <message>
        <source>Recompute every row&apos;s hash to show whether the trail was changed</source>
        <translation>重新计算每一行的哈希值，检查操作痕迹是否被篡改</translation>
    </message>
    <message>
        <source>Record:</source>
        <translation>记录：</translation>
    </message>
    <message>
        <source>Clerk:</source>
        <translation>操作员：</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>操作痕迹</translation>
    </message>
    <message>
        <source>Checking the audit trail…</source>
        <translation>正在校验操作痕迹…</translation>
    </message>
    <message>
        <source>The check was cancelled.</source>
        <translation>校验已取消。</translation>
    </message>
    <message>
        <source>The audit trail is intact: 1 row checked.</source>
        <translation>操作痕迹完整：已校验 1 行。</translation>
    </message>
    <message>
        <source>The audit trail is intact: %n rows checked.</source>
        <translation>操作痕迹完整：已校验 %n 行。</translation>
    </message>
    <message>
        <source>The audit trail was changed: 1 row does not fit. It is row %1.</source>
        <translation>操作痕迹已被改动：1 行对不上，在第 %1 行。</translation>
    </message>
    <message>
        <source>The audit trail was changed: %n rows do not fit. The first is row %1.</source>
        <translation>操作痕迹已被改动：%n 行对不上，第一处在第 %1 行。</translation>
    </message>
    <message>
        <source>The check could not run: %1</source>
        <translation>无法进行校验：%1</translation>
    </message>
</context>
<context>
    <name>BackupNowDialog</name>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>A backup is a copy of the whole database: records, audit trail, accounts and settings. Keep one away from this PC too, for example on a USB stick.</source>
        <translation>备份是整个数据库的副本：记录、痕迹、账户和设置。也请在本机以外保留一份，例如存到 U 盘上。</translation>
    </message>
    <message>
        <source>To the backups folder on this PC:</source>
        <translation>备份到本机的备份文件夹：</translation>
    </message>
    <message>
        <source>To another folder (a USB stick):</source>
        <translation>备份到其他文件夹（如 U 盘）：</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>选择(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Back up</source>
        <translation>备份(&amp;B)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Back up to which folder?</source>
        <translation>备份到哪个文件夹？</translation>
    </message>
    <message>
        <source>Choose the folder first.</source>
        <translation>请先选择文件夹。</translation>
    </message>
    <message>
        <source>Writing the backup…</source>
        <translation>正在写入备份…</translation>
    </message>
    <message>
        <source>Backup written: %1</source>
        <translation>备份已写入：%1</translation>
    </message>
    <message>
        <source>Cancelled: no backup was written.</source>
        <translation>已取消：未写入备份。</translation>
    </message>
</context>
<context>
    <name>BackupSignInDialog</name>
    <message>
        <source>Who is restoring?</source>
        <translation>由谁恢复？</translation>
    </message>
    <message>
        <source>The current database cannot be opened. A supervisor or an administrator signs in as they could when the backup was taken.</source>
        <translation>当前数据库无法打开。请由主管或管理员按备份当时的账户和密码登录。</translation>
    </message>
    <message>
        <source>Clerk:</source>
        <translation>操作员：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Change my password</source>
        <translation>修改我的密码</translation>
    </message>
    <message>
        <source>Reset password</source>
        <translation>重设密码</translation>
    </message>
    <message>
        <source>Reactivate an account</source>
        <translation>重新启用账户</translation>
    </message>
    <message>
        <source>Type your current password, then the new one twice.</source>
        <translation>请输入当前密码，再输入两次新密码。</translation>
    </message>
    <message>
        <source>%1 can sign in again with a new password: the old one stopped opening the data when the account was deactivated. Set it and tell it to them; they can change it later from File &gt; Change my password.</source>
        <translation>%1 要用新密码才能重新登录：账户停用时旧密码已不能打开数据。请设置新密码并告诉本人；以后可在“文件 &gt; 修改我的密码”中自行修改。</translation>
    </message>
    <message>
        <source>Set a new password for %1 and tell it to them; they can change it later from File &gt; Change my password.</source>
        <translation>为 %1 设置新密码并告诉本人；本人以后可在“文件 &gt; 修改我的密码”中自行修改。</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <source>Set password</source>
        <translation>设置密码</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>重新启用</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Current password:</source>
        <translation>当前密码：</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>新密码：</translation>
    </message>
    <message>
        <source>New password again:</source>
        <translation>再次输入新密码：</translation>
    </message>
    <message>
        <source>The two new passwords differ.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>Recovery key</source>
        <translation>恢复密钥</translation>
    </message>
    <message>
        <source>The data on this PC is encrypted. This recovery key opens it when every password is lost. It is shown only now: print it or write it down, and keep it in the office safe, away from the PC.</source>
        <translation>本机数据已加密。所有密码都丢失时，用这个恢复密钥打开数据。它只显示这一次：请打印或抄下，锁在办公室保险柜里，不要和电脑放在一起。</translation>
    </message>
    <message>
        <source>Print...</source>
        <translation>打印...</translation>
    </message>
    <message>
        <source>I have kept it safe</source>
        <translation>我已妥善保存</translation>
    </message>
    <message>
        <source>Township Desk recovery key</source>
        <translation>乡镇信息录入系统恢复密钥</translation>
    </message>
    <message>
        <source>Keep in the office safe. Whoever holds it can open the data.</source>
        <translation>请锁在办公室保险柜里。持有它的人可以打开数据。</translation>
    </message>
    <message>
        <source>New recovery key</source>
        <translation>新的恢复密钥</translation>
    </message>
    <message>
        <source>Make a new recovery key?</source>
        <translation>要生成新的恢复密钥吗？</translation>
    </message>
    <message>
        <source>The recovery key cannot be shown again: it is kept nowhere on this PC. A new one replaces it, and the key in the office safe stops working at once. The new key is shown only once: print it or write it down and put it in the safe in place of the old one.</source>
        <translation>恢复密钥无法再次显示：本机任何地方都不保存它。新的密钥会取代它，保险柜里的旧密钥立即失效。新密钥只显示这一次：请打印或抄下来，放进保险柜替换旧的。</translation>
    </message>
    <message>
        <source>&amp;Make a new key</source>
        <translation>生成新密钥(&amp;M)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>RecoveryResetDialog</name>
    <message>
        <source>Forgotten password</source>
        <translation>忘记密码</translation>
    </message>
    <message>
        <source>Type the recovery key kept in the office safe, then a new password twice. Whoever has the recovery key can do this for any clerk, so each use is written in the audit trail.</source>
        <translation>请输入锁在办公室保险柜里的恢复密钥，再输入两遍新密码。持有恢复密钥的人可以为任何操作员这样做，所以每次使用都记入操作痕迹。</translation>
    </message>
    <message>
        <source>Set the new password</source>
        <translation>设置新密码</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Clerk:</source>
        <translation>操作员：</translation>
    </message>
    <message>
        <source>Recovery key:</source>
        <translation>恢复密钥：</translation>
    </message>
    <message>
        <source>New password:</source>
        <translation>新密码：</translation>
    </message>
    <message>
        <source>New password again:</source>
        <translation>再次输入新密码：</translation>
    </message>
    <message>
        <source>The two new passwords differ.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
</context>
<context>
    <name>RestoreDialog</name>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>Daily (automatic)</source>
        <translation>每日（自动）</translation>
    </message>
    <message>
        <source>Before a program update</source>
        <translation>程序升级前</translation>
    </message>
    <message>
        <source>Made by a clerk</source>
        <translation>手动备份</translation>
    </message>
    <message>
        <source>Other file</source>
        <translation>其他文件</translation>
    </message>
    <message>
        <source>Restore from backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Choose the backup to go back to. The current database is not deleted: it is kept aside in the data folder, so a restore can be undone.</source>
        <translation>请选择要恢复到的备份。当前数据库不会被删除，而是另存在数据文件夹中，因此恢复可以撤销。</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录查询</translation>
    </message>
    <message>
        <source>Choose a &amp;file…</source>
        <translation>选择文件(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>恢复(&amp;R)…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>No backups in %1 yet. Use &quot;Choose a file…&quot; for a backup elsewhere, e.g. on a USB stick.</source>
        <translation>%1 中还没有备份。备份在别处（如 U 盘）时，请用“选择文件…”。</translation>
    </message>
    <message>
        <source>Restore which backup file?</source>
        <translation>恢复哪个备份文件？</translation>
    </message>
    <message>
        <source>Backups (*.db);;All files (*)</source>
        <translation>备份文件 (*.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Checking the backup…</source>
        <translation>正在检查备份…</translation>
    </message>
    <message>
        <source>Backup from another PC</source>
        <translation>来自另一台电脑的备份</translation>
    </message>
    <message>
        <source>This backup was taken on another installation. Type that installation&apos;s recovery key (kept in the office safe) to open it.</source>
        <translation>这个备份来自另一台电脑的安装。请输入那台安装的恢复密钥（锁在办公室保险柜里）来打开它。</translation>
    </message>
    <message>
        <source>Open the backup</source>
        <translation>打开备份</translation>
    </message>
    <message>
        <source>That recovery key does not open this backup.</source>
        <translation>这个恢复密钥打不开这个备份。</translation>
    </message>
    <message>
        <source>Restore the backup taken %1 (%2 records)?</source>
        <translation>恢复 %1 的备份（%2 条记录）吗？</translation>
    </message>
    <message>
        <source>Changes made after that backup will no longer show. The current database is not deleted: it is kept in the data folder under a name beginning with township.db.replaced-, so this can be undone.

The program closes the records, restores the backup and asks you to sign in again.</source>
        <translation>该备份之后所做的修改将不再显示。当前数据库不会被删除，而是以 township.db.replaced- 开头的文件名保存在数据文件夹中，因此可以撤销。

程序将关闭记录、恢复备份，然后请您重新登录。</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>%1 % (normal)</source>
        <translation>%1 %（标准）</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从未</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Only an administrator sets the idle lock.</source>
        <translation>只有管理员可以设置闲置锁定。</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言：</translation>
    </message>
    <message>
        <source>Text size:</source>
        <translation>字号：</translation>
    </message>
    <message>
        <source>Lock the window after:</source>
        <translation>无操作多久后锁定窗口：</translation>
    </message>
</context>
</TS>
