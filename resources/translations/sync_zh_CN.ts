<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CountySyncPage</name>
    <message>
        <source>Write return bundles to the stick</source>
        <translation>把回执包写到 U 盘</translation>
    </message>
    <message>
        <source>USB stick</source>
        <translation>U 盘</translation>
    </message>
    <message>
        <source>Files and keys</source>
        <translation>文件和密钥</translation>
    </message>
    <message>
        <source>Import bundles…</source>
        <translation>导入数据包…</translation>
    </message>
    <message>
        <source>Write return bundles to a folder…</source>
        <translation>把回执包写到文件夹…</translation>
    </message>
    <message>
        <source>Enroll a township…</source>
        <translation>登记乡镇…</translation>
    </message>
    <message>
        <source>Export the county pack…</source>
        <translation>导出县级配置包…</translation>
    </message>
    <message>
        <source>Enroll the province pack…</source>
        <translation>登记省级配置包…</translation>
    </message>
    <message>
        <source>Send this month to the province</source>
        <translation>报送本月数据到省</translation>
    </message>
    <message>
        <source>Each township&apos;s figures and a keyed code of each person (never an ID or a name): onto the stick when one is plugged in, and by network when a link exists</source>
        <translation>各乡镇的统计数字和每人的加密比对码（绝不含身份证号或姓名）：插着U盘时写到U盘，有网络时经网络发送</translation>
    </message>
    <message>
        <source>Revoke the selected township&apos;s key…</source>
        <translation>吊销所选乡镇的密钥…</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>数据同步</translation>
    </message>
    <message>
        <source>%1 of %2 townships enrolled. Resident IDs registered by two townships: %3. Refused bundles whose sender could not be verified: %4.</source>
        <translation>已登记 %1 / %2 个乡镇。两个乡镇重复登记的身份证号：%3。无法核实发送方而拒收的数据包：%4。</translation>
    </message>
    <message>
        <source>No stick with a %1 folder is plugged in.</source>
        <translation>没有插入带 %1 文件夹的 U 盘。</translation>
    </message>
    <message>
        <source>Found %1, but it is write-protected: bundles can be imported, return bundles cannot be written.</source>
        <translation>找到 %1，但它处于写保护状态：可以导入数据包，不能写入回执包。</translation>
    </message>
    <message>
        <source>Using the shared sync folder %1.</source>
        <translation>正在使用共享同步文件夹 %1。</translation>
    </message>
    <message>
        <source>Found the sync folder on %1: %2</source>
        <translation>在 %1 上找到同步文件夹：%2</translation>
    </message>
    <message>
        <source>Import new bundles from the stick (%1)</source>
        <translation>从 U 盘导入新数据包（%1）</translation>
    </message>
    <message>
        <source>Import which bundles?</source>
        <translation>导入哪些数据包？</translation>
    </message>
    <message>
        <source>Township bundles (*.tdb)</source>
        <translation>乡镇数据包 (*.tdb)</translation>
    </message>
    <message>
        <source>Checking and importing bundles…</source>
        <translation>正在校验并导入数据包…</translation>
    </message>
    <message>
        <source>Bundles imported: %1; already imported: %2; refused: %3.</source>
        <translation>已导入 %1 个数据包，%2 个此前已导入，%3 个被拒收。</translation>
    </message>
    <message>
        <source>1 return bundle written and checked: safe to remove.</source>
        <translation>已写入并校验 1 个回执包：可以安全拔出 U 盘。</translation>
    </message>
    <message>
        <source>%n return bundles written and checked: safe to remove.</source>
        <translation>已写入并校验 %n 个回执包：可以安全拔出 U 盘。</translation>
    </message>
    <message>
        <source>Revoked 1 key of %2.</source>
        <translation>已吊销 %2 的 1 个密钥。</translation>
    </message>
    <message>
        <source>Revoked %n keys of %2.</source>
        <translation>已吊销 %2 的 %n 个密钥。</translation>
    </message>
    <message>
        <source>Write return bundles to which folder?</source>
        <translation>把回执包写到哪个文件夹？</translation>
    </message>
    <message>
        <source>Writing and checking return bundles…</source>
        <translation>正在写入并校验回执包…</translation>
    </message>
    <message>
        <source>No township has anything to be answered yet.</source>
        <translation>目前没有需要回复的乡镇。</translation>
    </message>
    <message>
        <source>Which enrollment file?</source>
        <translation>选择哪个登记文件？</translation>
    </message>
    <message>
        <source>Enrollment files (*.tdkey)</source>
        <translation>登记文件 (*.tdkey)</translation>
    </message>
    <message>
        <source>Cannot read %1</source>
        <translation>无法读取 %1</translation>
    </message>
    <message>
        <source>Export the county pack to which folder?</source>
        <translation>把县级配置包导出到哪个文件夹？</translation>
    </message>
    <message>
        <source>County pack written. Townships compare this number by phone when they load it: %1</source>
        <translation>县级配置包已写入。乡镇载入时会在电话中核对这个号码：%1</translation>
    </message>
    <message>
        <source>Revoke a township key</source>
        <translation>吊销乡镇密钥</translation>
    </message>
    <message>
        <source>Revoke every key of %1? Its bundles will be refused until it enrolls new keys. Why?</source>
        <translation>吊销 %1 的全部密钥？在其登记新密钥之前，其数据包都将被拒收。原因是？</translation>
    </message>
</context>
<context>
    <name>CountyTownshipsModel</name>
    <message>
        <source>Township</source>
        <translation>乡镇</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>密钥</translation>
    </message>
    <message>
        <source>Last bundle</source>
        <translation>最近数据包</translation>
    </message>
    <message>
        <source>Last import</source>
        <translation>最近导入</translation>
    </message>
    <message>
        <source>Gaps</source>
        <translation>缺号</translation>
    </message>
    <message>
        <source>Refused bundles</source>
        <translation>拒收的数据包</translation>
    </message>
    <message>
        <source>Refused records</source>
        <translation>拒收的记录</translation>
    </message>
    <message>
        <source>Recovery</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>enrolled</source>
        <translation>已登记</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>已吊销</translation>
    </message>
    <message>
        <source>not enrolled</source>
        <translation>未登记</translation>
    </message>
    <message>
        <source>Latest refusal: %1</source>
        <translation>最近一次拒收：%1</translation>
    </message>
    <message>
        <source>rejoin requested (bundle %1)</source>
        <translation>请求重新接入（同步包 %1）</translation>
    </message>
    <message>
        <source>rejoin sent (bundle %1), waiting</source>
        <translation>已发出重新接入（同步包 %1），等待中</translation>
    </message>
    <message>
        <source>resync asked from row %1</source>
        <translation>已要求从第 %1 行重发</translation>
    </message>
</context>
<context>
    <name>EnrollDialog</name>
    <message>
        <source>Enroll a township</source>
        <translation>登记乡镇</translation>
    </message>
    <message>
        <source>Call the township and ask them to read the number shown on their Sync page. Enroll only if every digit matches.</source>
        <translation>请给乡镇打电话，请对方念出其“数据同步”页上显示的号码。只有每一位数字都一致时才登记。</translation>
    </message>
    <message>
        <source>Township:</source>
        <translation>乡镇：</translation>
    </message>
    <message>
        <source>Clerk:</source>
        <translation>操作员：</translation>
    </message>
    <message>
        <source>Number to compare:</source>
        <translation>核对号码：</translation>
    </message>
    <message>
        <source>Full fingerprint:</source>
        <translation>完整指纹：</translation>
    </message>
    <message>
        <source>The township read me the same number</source>
        <translation>乡镇念给我的号码完全一致</translation>
    </message>
    <message>
        <source>Replace the key enrolled now (%1…); it will be revoked</source>
        <translation>替换现已登记的密钥（%1…）；原密钥将被吊销</translation>
    </message>
    <message>
        <source>Enroll</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>HubBox</name>
    <message>
        <source>Network (hub)</source>
        <translation>网络（中心）</translation>
    </message>
    <message>
        <source>Hub address…</source>
        <translation>中心地址…</translation>
    </message>
    <message>
        <source>Where bundles go when a network link exists, e.g. https://hub.example:8470</source>
        <translation>有网络连接时同步包发往的地址，例如 https://hub.example:8470</translation>
    </message>
    <message>
        <source>Send and fetch now</source>
        <translation>立即发送和接收</translation>
    </message>
    <message>
        <source>Hub address</source>
        <translation>中心地址</translation>
    </message>
    <message>
        <source>The hub&apos;s address (empty: the USB stick only):</source>
        <translation>中心地址（留空：只用U盘）：</translation>
    </message>
    <message>
        <source>Hub: %1</source>
        <translation>中心：%1</translation>
    </message>
    <message>
        <source>Hub: none set. Bundles go by USB stick only; they are also kept for the network, and go as soon as a hub address is set.</source>
        <translation>中心：未设置。同步包只通过U盘传递；同时也为网络保留一份，设置中心地址后即发送。</translation>
    </message>
    <message>
        <source>Queued: %1   Sent: %2   Acknowledged: %3</source>
        <translation>待发送：%1   已发送：%2   已确认：%3</translation>
    </message>
    <message>
        <source>Sending and fetching…</source>
        <translation>正在发送和接收…</translation>
    </message>
    <message>
        <source>No network: the bundles wait here and go when a link comes back.</source>
        <translation>没有网络：同步包在本机等待，网络恢复后发送。</translation>
    </message>
    <message>
        <source>A Wi-Fi sign-in page answered instead of the hub: sign in to the network in a web browser. Nothing was sent to it.</source>
        <translation>应答的是无线网络的登录页面而不是中心：请先在浏览器中登录网络。没有向其发送任何内容。</translation>
    </message>
    <message>
        <source>The hub asked to wait.</source>
        <translation>中心要求稍候再试。</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1。%2</translation>
    </message>
    <message>
        <source>The hub refused a bundle; it stays queued (see below).</source>
        <translation>中心拒收了一个同步包；它仍在待发送队列中（见下表）。</translation>
    </message>
    <message>
        <source>In step with the hub.</source>
        <translation>已与中心同步。</translation>
    </message>
    <message>
        <source>Next try at %1.</source>
        <translation>下次尝试：%1。</translation>
    </message>
</context>
<context>
    <name>HubSync</name>
    <message>
        <source>Network sync</source>
        <translation>网络同步</translation>
    </message>
</context>
<context>
    <name>OutboxModel</name>
    <message>
        <source>Bundle</source>
        <translation>同步包</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Written</source>
        <translation>写出时间</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>发送时间</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>确认时间</translation>
    </message>
    <message>
        <source>Last try</source>
        <translation>上次尝试</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>待发送</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>已确认</translation>
    </message>
</context>
<context>
    <name>PackCheckDialog</name>
    <message>
        <source>Load the county pack</source>
        <translation>载入县级配置包</translation>
    </message>
    <message>
        <source>Call the county and compare this number with the number on their screen. Load the pack only if every digit matches.</source>
        <translation>请给县里打电话，把这里显示的号码与县里屏幕上的号码逐位核对。每一位都一致才载入配置包。</translation>
    </message>
    <message>
        <source>Key of:</source>
        <translation>密钥所属：</translation>
    </message>
    <message>
        <source>Number to compare:</source>
        <translation>核对号码：</translation>
    </message>
    <message>
        <source>Full fingerprint:</source>
        <translation>完整指纹：</translation>
    </message>
    <message>
        <source>The county read me the same number</source>
        <translation>县里念给我的号码完全一致</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>载入</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ProvinceActions</name>
    <message>
        <source>Which province pack?</source>
        <translation>选择哪个省级配置包？</translation>
    </message>
    <message>
        <source>Province packs (*.tdpack)</source>
        <translation>省级配置包 (*.tdpack)</translation>
    </message>
    <message>
        <source>Cannot read %1</source>
        <translation>无法读取 %1</translation>
    </message>
    <message>
        <source>Bundles for the province go to %1 when a network link exists.</source>
        <translation>有网络时，报省数据包发往 %1。</translation>
    </message>
    <message>
        <source>Queued for the network; it goes with the next sync with the hub.</source>
        <translation>已加入待发送队列，下次与中心同步时发送。</translation>
    </message>
    <message>
        <source>Writing the bundle for the province…</source>
        <translation>正在写出报省数据包…</translation>
    </message>
</context>
<context>
    <name>ProvincePackDialog</name>
    <message>
        <source>Enroll the province pack</source>
        <translation>登记省级配置包</translation>
    </message>
    <message>
        <source>Call the province&apos;s hub operator and ask them to read the number `township hub export-pack` printed. Enroll only if every digit matches.</source>
        <translation>请致电省数据中心的管理员，请对方读出 `township hub export-pack` 显示的号码。每一位都一致才登记。</translation>
    </message>
    <message>
        <source>Province:</source>
        <translation>省：</translation>
    </message>
    <message>
        <source>Hub address:</source>
        <translation>中心地址：</translation>
    </message>
    <message>
        <source>Number to compare:</source>
        <translation>核对号码：</translation>
    </message>
    <message>
        <source>Full fingerprint:</source>
        <translation>完整指纹：</translation>
    </message>
    <message>
        <source>The operator read me the same number</source>
        <translation>管理员读出的号码与此一致</translation>
    </message>
    <message>
        <source>Replace the province key enrolled now (%1…)</source>
        <translation>替换当前登记的省级密钥（%1…）</translation>
    </message>
    <message>
        <source>Enroll</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ResultAndNetworkTabs</name>
    <message>
        <source>Result of the last action</source>
        <translation>上一次操作的结果</translation>
    </message>
    <message>
        <source>Network (hub)</source>
        <translation>网络（中心）</translation>
    </message>
</context>
<context>
    <name>ResultPanel</name>
    <message>
        <source>Result of the last action</source>
        <translation>上一次操作的结果</translation>
    </message>
    <message>
        <source>Nothing done yet in this session.</source>
        <translation>本次运行尚未进行任何操作。</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>下一步</translation>
    </message>
    <message>
        <source>Cancelled. What was being written was undone; nothing of it was kept.</source>
        <translation>已取消。正在写入的内容已撤销，未保留任何部分。</translation>
    </message>
    <message>
        <source>Cancelled. The bundle being applied was undone; the bundles before it were applied:</source>
        <translation>已取消。正在导入的同步包已撤销；之前的同步包已导入：</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Waiting for the county</source>
        <translation>等待县里确认</translation>
    </message>
    <message>
        <source>Unsent changes:</source>
        <translation>未上报变更：</translation>
    </message>
    <message>
        <source>Changes the county has not yet acknowledged: they go in the next bundle.</source>
        <translation>县里尚未确认收到的变更：会随下一个同步包发送。</translation>
    </message>
    <message>
        <source>    of which records:</source>
        <translation>    其中记录：</translation>
    </message>
    <message>
        <source>    of which messages:</source>
        <translation>    其中消息：</translation>
    </message>
    <message>
        <source>Last bundle written:</source>
        <translation>最近写出的数据包：</translation>
    </message>
    <message>
        <source>Last acknowledgement:</source>
        <translation>最近的回执：</translation>
    </message>
    <message>
        <source>Records the county refused:</source>
        <translation>县里拒收的记录：</translation>
    </message>
    <message>
        <source>County key:</source>
        <translation>县级密钥：</translation>
    </message>
    <message>
        <source>Export to the stick</source>
        <translation>导出到 U 盘</translation>
    </message>
    <message>
        <source>USB stick</source>
        <translation>U 盘</translation>
    </message>
    <message>
        <source>Other folders and files</source>
        <translation>其他文件夹和文件</translation>
    </message>
    <message>
        <source>Export to a folder…</source>
        <translation>导出到文件夹…</translation>
    </message>
    <message>
        <source>Import return bundles or county pack…</source>
        <translation>导入回执包或县级配置包…</translation>
    </message>
    <message>
        <source>Write enrollment file…</source>
        <translation>写出登记文件…</translation>
    </message>
    <message>
        <source>The county enrolls this PC&apos;s keys from this file</source>
        <translation>县里用这个文件登记本机的密钥</translation>
    </message>
    <message>
        <source>Use a shared folder…</source>
        <translation>使用共享文件夹…</translation>
    </message>
    <message>
        <source>Stop using it</source>
        <translation>停止使用</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>数据同步</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>尚无</translation>
    </message>
    <message>
        <source>No. %1, %2</source>
        <translation>第 %1 号，%2</translation>
    </message>
    <message>
        <source>up to bundle No. %1, received %2</source>
        <translation>确认到第 %1 号数据包，%2 收到</translation>
    </message>
    <message>
        <source>not loaded: import the county pack</source>
        <translation>未载入：请导入县级配置包</translation>
    </message>
    <message>
        <source>loaded (%1)</source>
        <translation>已载入（%1）</translation>
    </message>
    <message>
        <source>Shared sync folder: %1</source>
        <translation>共享同步文件夹：%1</translation>
    </message>
    <message>
        <source>Shared sync folder: none (a network share can be used like a stick)</source>
        <translation>共享同步文件夹：无（网络共享文件夹可以像 U 盘一样使用）</translation>
    </message>
    <message>
        <source>No stick with a %1 folder is plugged in. Plug in the county&apos;s stick, or use &quot;Export to a folder…&quot;.</source>
        <translation>没有插入带 %1 文件夹的 U 盘。请插入县里的 U 盘，或使用“导出到文件夹…”。</translation>
    </message>
    <message>
        <source>Found %1, but it is write-protected: slide the lock on the stick and plug it in again.</source>
        <translation>找到 %1，但它处于写保护状态：请拨开 U 盘上的锁定开关后重新插入。</translation>
    </message>
    <message>
        <source>Using the shared sync folder %1.</source>
        <translation>正在使用共享同步文件夹 %1。</translation>
    </message>
    <message>
        <source>Found the sync folder on %1: %2</source>
        <translation>在 %1 上找到同步文件夹：%2</translation>
    </message>
    <message>
        <source>Pick up return bundles (%1)</source>
        <translation>取回回执包（%1）</translation>
    </message>
    <message>
        <source>&quot;Export to a folder…&quot;</source>
        <translation>“导出到文件夹…”</translation>
    </message>
    <message>
        <source>%1 unsent changes. Plug in the USB stick that has the %2 folder and press &quot;Export to the stick&quot;, or use %3.</source>
        <translation>有 %1 项未上报变更。请插入带 %2 文件夹的 U 盘并按“导出到 U 盘”，或使用%3。</translation>
    </message>
    <message>
        <source>Nothing to send: the county has acknowledged every change. When the county&apos;s stick comes back, plug it in (the one with the %1 folder) to pick up its return bundles; to write a bundle anyway, use %2.</source>
        <translation>没有要发送的内容：县里已确认全部变更。县里的 U 盘（带 %1 文件夹）送回来后，插上它取回回执包；如仍要写一个同步包，请使用%2。</translation>
    </message>
    <message>
        <source>Press &quot;Pick up return bundles&quot;: the county&apos;s answer is on the stick.</source>
        <translation>请按“取回回执包”：县里的回执在 U 盘上。</translation>
    </message>
    <message>
        <source>Press &quot;Export to the stick&quot; to write the %1 unsent changes.</source>
        <translation>请按“导出到 U 盘”，写入 %1 项未上报变更。</translation>
    </message>
    <message>
        <source>Nothing to do: the county has acknowledged every change.</source>
        <translation>无需操作：县里已确认全部变更。</translation>
    </message>
    <message>
        <source>Export to which folder?</source>
        <translation>导出到哪个文件夹？</translation>
    </message>
    <message>
        <source>Nothing can be sent yet: this PC has not loaded the county pack yet. Ask the county for it on a stick, press &quot;Import…&quot;, choose the pack and compare its number with the county by phone.</source>
        <translation>现在还不能发送：本机尚未载入县级配置包。请向县里要一个装有配置包的U盘，按“导入…”，选择配置包，并与县里电话核对号码。</translation>
    </message>
    <message>
        <source>Writing and checking the bundle…</source>
        <translation>正在写入并校验数据包…</translation>
    </message>
    <message>
        <source>Nothing to send: the county has acknowledged every change.</source>
        <translation>没有需要发送的内容：县里已确认所有变更。</translation>
    </message>
    <message>
        <source>Bundle No. %1 written and checked on the drive: safe to remove.</source>
        <translation>第 %1 号数据包已写入并在磁盘上校验：可以安全拔出 U 盘。</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>文件：%1</translation>
    </message>
    <message>
        <source>Records: %1, trail entries: %2, messages: %3</source>
        <translation>记录：%1 条，操作日志：%2 条，消息：%3 条</translation>
    </message>
    <message>
        <source>Import which files?</source>
        <translation>导入哪些文件？</translation>
    </message>
    <message>
        <source>Sync files (*.tdb *.tdpack)</source>
        <translation>同步文件 (*.tdb *.tdpack)</translation>
    </message>
    <message>
        <source>Cannot read %1</source>
        <translation>无法读取 %1</translation>
    </message>
    <message>
        <source>The county pack was not loaded: its number was not confirmed by phone.</source>
        <translation>县级配置包没有载入：电话核对码未经电话确认。</translation>
    </message>
    <message>
        <source>County pack loaded.</source>
        <translation>县级配置包已载入。</translation>
    </message>
    <message>
        <source>Checking and applying bundles…</source>
        <translation>正在校验并导入数据包…</translation>
    </message>
    <message>
        <source>Bundles applied: %1; refused: %2.</source>
        <translation>已导入 %1 个数据包，%2 个被拒收。</translation>
    </message>
    <message>
        <source>Write the enrollment file to which folder?</source>
        <translation>把登记文件写到哪个文件夹？</translation>
    </message>
    <message>
        <source>Enrollment file written. Take it to the county and read them this number by phone: %1</source>
        <translation>登记文件已写出。请把它交给县里，并在电话中念出这个号码：%1</translation>
    </message>
    <message>
        <source>Which shared folder holds the sync files?</source>
        <translation>同步文件放在哪个共享文件夹？</translation>
    </message>
</context>
<context>
    <name>SyncSetupPage</name>
    <message>
        <source>Choose the county pack…</source>
        <translation>选择县级配置包…</translation>
    </message>
    <message>
        <source>The county read me the same number</source>
        <translation>县里念给我的号码完全一致</translation>
    </message>
    <message>
        <source>Copy the county pack to a stick…</source>
        <translation>把县级配置包复制到 U 盘…</translation>
    </message>
    <message>
        <source>Key of:</source>
        <translation>密钥所属：</translation>
    </message>
    <message>
        <source>Number to compare:</source>
        <translation>核对号码：</translation>
    </message>
    <message>
        <source>Full fingerprint:</source>
        <translation>完整指纹：</translation>
    </message>
    <message>
        <source>The county&apos;s key</source>
        <translation>县级密钥</translation>
    </message>
    <message>
        <source>Load the county pack the county gave you on a stick.</source>
        <translation>载入县里用 U 盘交给您的县级配置包。</translation>
    </message>
    <message>
        <source>Then call the county and compare the number shown here with the number on their screen. Finish only if every digit matches. Without a stick at hand, finish now and load the pack later on the Sync page.</source>
        <translation>然后给县里打电话，核对这里显示的号码与对方屏幕上的号码。只有每一位数字都一致时才点“完成”。手头没有 U 盘时，可以先完成设置，以后在“数据同步”页载入配置包。</translation>
    </message>
    <message>
        <source>The county&apos;s keys are ready</source>
        <translation>县级密钥已生成</translation>
    </message>
    <message>
        <source>Townships compare this number by phone when they load the county pack.</source>
        <translation>乡镇载入县级配置包时会在电话中核对这个号码。</translation>
    </message>
    <message>
        <source>Which county pack?</source>
        <translation>选择哪个县级配置包？</translation>
    </message>
    <message>
        <source>County packs (*.tdpack)</source>
        <translation>县级配置包 (*.tdpack)</translation>
    </message>
    <message>
        <source>This county pack cannot be used: %1</source>
        <translation>无法使用此县级配置包：%1</translation>
    </message>
    <message>
        <source>No county pack loaded.</source>
        <translation>尚未载入县级配置包。</translation>
    </message>
    <message>
        <source>The pack also brings code lists: %1; form packs: %2.</source>
        <translation>配置包还带有 %1 个代码表和 %2 个表单包。</translation>
    </message>
    <message>
        <source>This PC now has the county&apos;s keys. Give each township the county pack on a stick, and read them this number by phone when they load it.</source>
        <translation>本机已生成县级密钥。请用 U 盘把县级配置包交给各乡镇，并在他们载入时通过电话念出这个号码。</translation>
    </message>
    <message>
        <source>The county pack was written to: %1</source>
        <translation>县级配置包已写入：%1</translation>
    </message>
    <message>
        <source>Copy the county pack to which folder?</source>
        <translation>把县级配置包复制到哪个文件夹？</translation>
    </message>
</context>
</TS>
