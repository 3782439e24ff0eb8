<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>CallStopwatch</name>
    <message>
      <source>Call in progress</source>
      <translation>通话中</translation>
    </message>
    <message>
      <source>Number dialled</source>
      <translation>拨打的号码</translation>
    </message>
    <message>
      <source>Notes while you talk or wait on hold…</source>
      <translation>通话或等待接听时随手记录…</translation>
    </message>
    <message>
      <source>End call and log it</source>
      <translation>结束通话并记录</translation>
    </message>
    <message>
      <source>Discard</source>
      <translation>放弃</translation>
    </message>
    <message>
      <source>Stop the stopwatch and open the entry, with the duration filled in</source>
      <translation>停止计时并打开记录，自动填入通话时长</translation>
    </message>
  </context>
  <context>
    <name>CaseDialog</name>
    <message>
      <source>Case</source>
      <translation>案卷</translation>
    </message>
    <message>
      <source>A few words you will recognise the case by (required)</source>
      <translation>用几个字概括，方便日后辨认这个案卷（必填）</translation>
    </message>
    <message>
      <source>The bank, payment app or lender: type part of its name</source>
      <translation>银行、支付平台或贷款机构：输入部分名称即可</translation>
    </message>
    <message>
      <source>e.g. the bank's WeChat mini-program, a credit card, a wallet</source>
      <translation>例如：银行的微信小程序、信用卡、钱包</translation>
    </message>
    <message>
      <source>e.g. 1280.50</source>
      <translation>例如：1280.50</translation>
    </message>
    <message>
      <source>Known</source>
      <translation>已知</translation>
    </message>
    <message>
      <source>Tick if you know when it happened</source>
      <translation>如果知道发生时间，请勾选</translation>
    </message>
    <message>
      <source>Transaction or order numbers, separated by commas</source>
      <translation>交易流水号或订单号，用逗号分隔</translation>
    </message>
    <message>
      <source>What happened, in order, with dates and amounts (facts and reasons)</source>
      <translation>按先后顺序写明发生了什么，包括日期和金额（事实与理由）</translation>
    </message>
    <message>
      <source>What you want: a refund, a correction, an apology, compensation…</source>
      <translation>您的诉求：退款、更正、道歉、赔偿…</translation>
    </message>
    <message>
      <source>Whose rules set the deadlines for an answer to your complaint</source>
      <translation>按哪个地区的规定计算投诉答复期限</translation>
    </message>
    <message>
      <source>&amp;Title</source>
      <translation>标题(&amp;T)</translation>
    </message>
    <message>
      <source>Complaint &amp;against</source>
      <translation>被投诉机构(&amp;A)</translation>
    </message>
    <message>
      <source>&amp;Product / service</source>
      <translation>产品/服务(&amp;P)</translation>
    </message>
    <message>
      <source>&amp;Category</source>
      <translation>类别(&amp;C)</translation>
    </message>
    <message>
      <source>A&amp;mount</source>
      <translation>金额(&amp;M)</translation>
    </message>
    <message>
      <source>When it &amp;happened</source>
      <translation>发生时间(&amp;H)</translation>
    </message>
    <message>
      <source>T&amp;ransaction / order no.</source>
      <translation>交易流水号/订单号(&amp;R)</translation>
    </message>
    <message>
      <source>&amp;Facts and reasons</source>
      <translation>事实与理由(&amp;F)</translation>
    </message>
    <message>
      <source>&amp;What you want</source>
      <translation>诉求(&amp;W)</translation>
    </message>
    <message>
      <source>&amp;Status</source>
      <translation>状态(&amp;S)</translation>
    </message>
    <message>
      <source>&amp;Jurisdiction</source>
      <translation>适用地区(&amp;J)</translation>
    </message>
    <message>
      <source>Hotline {hotline}</source>
      <translation>客服热线 {hotline}</translation>
    </message>
    <message>
      <source>Not in the directory yet: it will be added.</source>
      <translation>机构名录中还没有此机构，保存时将自动添加。</translation>
    </message>
    <message>
      <source>Give the case a title to save it.</source>
      <translation>请先为案卷填写标题，再保存。</translation>
    </message>
    <message>
      <source>Name the bank or company the complaint is against.</source>
      <translation>请填写被投诉的银行或公司名称。</translation>
    </message>
    <message>
      <source>The amount is incomplete: write it like 1280.50.</source>
      <translation>金额不完整，请按 1280.50 这样的格式填写。</translation>
    </message>
  </context>
  <context>
    <name>CaseHeader</name>
    <message>
      <source>Edit case…</source>
      <translation>编辑案卷…</translation>
    </message>
    <message>
      <source>Where the case stands</source>
      <translation>案卷当前状态</translation>
    </message>
    <message>
      <source>Product</source>
      <translation>产品</translation>
    </message>
    <message>
      <source>Amount</source>
      <translation>金额</translation>
    </message>
    <message>
      <source>Incident</source>
      <translation>发生时间</translation>
    </message>
    <message>
      <source>Desired outcome</source>
      <translation>诉求</translation>
    </message>
    <message>
      <source>hotline</source>
      <translation>客服热线</translation>
    </message>
  </context>
  <context>
    <name>CaseListModel</name>
    <message>
      <source>Case</source>
      <translation>案卷</translation>
    </message>
    <message>
      <source>Institution</source>
      <translation>机构</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>Last contact</source>
      <translation>最近联系</translation>
    </message>
  </context>
  <context>
    <name>DirectoryDialog</name>
    <message>
      <source>Institutions</source>
      <translation>机构名录</translation>
    </message>
    <message>
      <source>Find an institution…</source>
      <translation>查找机构…</translation>
    </message>
    <message>
      <source>Name of a bank, app or body to add</source>
      <translation>要添加的银行、App 或投诉机构名称</translation>
    </message>
    <message>
      <source>Hotline</source>
      <translation>客服热线</translation>
    </message>
    <message>
      <source>Add</source>
      <translation>添加</translation>
    </message>
    <message>
      <source>Type the name of the institution to add.</source>
      <translation>请输入要添加的机构名称。</translation>
    </message>
  </context>
  <context>
    <name>DirectoryModel</name>
    <message>
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <source>Short name</source>
      <translation>简称</translation>
    </message>
    <message>
      <source>Kind</source>
      <translation>类型</translation>
    </message>
    <message>
      <source>Hotline</source>
      <translation>客服热线</translation>
    </message>
    <message>
      <source>Email</source>
      <translation>电子邮箱</translation>
    </message>
    <message>
      <source>Website</source>
      <translation>网站</translation>
    </message>
  </context>
  <context>
    <name>EventEditor</name>
    <message>
      <source>Entry</source>
      <translation>记录</translation>
    </message>
    <message>
      <source>In one line: what happened (required)</source>
      <translation>一句话概括发生了什么（必填）</translation>
    </message>
    <message>
      <source>min:sec</source>
      <translation>分:秒</translation>
    </message>
    <message>
      <source>How long the call took, as minutes:seconds (12:30). A single number is minutes. Leave empty if you do not know.</source>
      <translation>通话时长，格式为“分:秒”（如 12:30）。只填一个数字表示分钟数。不清楚可留空。</translation>
    </message>
    <message>
      <source>What you said, what they answered, what they asked you to do…</source>
      <translation>您说了什么，对方如何答复，要求您做什么…</translation>
    </message>
    <message>
      <source>&amp;When</source>
      <translation>时间(&amp;W)</translation>
    </message>
    <message>
      <source>C&amp;hannel</source>
      <translation>渠道(&amp;H)</translation>
    </message>
    <message>
      <source>&amp;Direction</source>
      <translation>方向(&amp;D)</translation>
    </message>
    <message>
      <source>&amp;Summary</source>
      <translation>摘要(&amp;S)</translation>
    </message>
    <message>
      <source>De&amp;tails</source>
      <translation>详情(&amp;T)</translation>
    </message>
    <message>
      <source>Complaint, ticket or case numbers you were given. Type in a cell to change it; Delete clears it.</source>
      <translation>对方提供的投诉号、工单号或受理号。在单元格中输入即可修改；按 Delete 键清除。</translation>
    </message>
    <message>
      <source>Add number</source>
      <translation>添加编号</translation>
    </message>
    <message>
      <source>Remove</source>
      <translation>移除</translation>
    </message>
    <message>
      <source>What they promised (a callback, an answer, a refund) and by when. Type in a cell to change it; Delete clears it.</source>
      <translation>对方承诺了什么（回电、答复、退款）以及期限。在单元格中输入即可修改；按 Delete 键清除。</translation>
    </message>
    <message>
      <source>Add promise</source>
      <translation>添加承诺</translation>
    </message>
    <message>
      <source>&amp;Reference numbers</source>
      <translation>编号(&amp;R)</translation>
    </message>
    <message>
      <source>&amp;Promises</source>
      <translation>承诺(&amp;P)</translation>
    </message>
    <message>
      <source>Phone number</source>
      <translation>电话号码</translation>
    </message>
    <message>
      <source>Where</source>
      <translation>位置</translation>
    </message>
    <message>
      <source>Number dialled</source>
      <translation>拨打的号码</translation>
    </message>
    <message>
      <source>Agent's name</source>
      <translation>客服人员姓名</translation>
    </message>
    <message>
      <source>The name the agent gave, if any</source>
      <translation>客服人员自报的姓名（如有）</translation>
    </message>
    <message>
      <source>Agent's ID</source>
      <translation>客服工号</translation>
    </message>
    <message>
      <source>Employee or agent number</source>
      <translation>员工号或客服工号</translation>
    </message>
    <message>
      <source>Duration</source>
      <translation>时长</translation>
    </message>
    <message>
      <source>Caller's number</source>
      <translation>来电号码</translation>
    </message>
    <message>
      <source>The number that called you</source>
      <translation>给您打电话的号码</translation>
    </message>
    <message>
      <source>Caller's name</source>
      <translation>来电人姓名</translation>
    </message>
    <message>
      <source>The name the caller gave</source>
      <translation>来电人自报的姓名</translation>
    </message>
    <message>
      <source>Caller's ID</source>
      <translation>来电人工号</translation>
    </message>
    <message>
      <source>Employee number, if given</source>
      <translation>工号（如对方提供）</translation>
    </message>
    <message>
      <source>Branch / address</source>
      <translation>网点/地址</translation>
    </message>
    <message>
      <source>Branch name and address</source>
      <translation>网点名称和地址</translation>
    </message>
    <message>
      <source>Staff name</source>
      <translation>工作人员姓名</translation>
    </message>
    <message>
      <source>Who you spoke to</source>
      <translation>接待您的人</translation>
    </message>
    <message>
      <source>Staff ID</source>
      <translation>工号</translation>
    </message>
    <message>
      <source>Employee number or badge</source>
      <translation>工号或工牌号</translation>
    </message>
    <message>
      <source>From</source>
      <translation>发件人</translation>
    </message>
    <message>
      <source>Sender's address</source>
      <translation>发件人地址</translation>
    </message>
    <message>
      <source>To</source>
      <translation>收件人</translation>
    </message>
    <message>
      <source>Recipients' addresses</source>
      <translation>收件人地址</translation>
    </message>
    <message>
      <source>Cc</source>
      <translation>抄送</translation>
    </message>
    <message>
      <source>Optional</source>
      <translation>选填</translation>
    </message>
    <message>
      <source>Address</source>
      <translation>地址</translation>
    </message>
    <message>
      <source>Postal address</source>
      <translation>邮寄地址</translation>
    </message>
    <message>
      <source>Number</source>
      <translation>号码</translation>
    </message>
    <message>
      <source>The number it came from or was sent to</source>
      <translation>发送方或接收方的号码</translation>
    </message>
    <message>
      <source>Web address (URL) of the page or form</source>
      <translation>页面或表单的网址（URL）</translation>
    </message>
    <message>
      <source>The app, and the page or menu used</source>
      <translation>App 名称，以及所用的页面或菜单</translation>
    </message>
    <message>
      <source>Official account or mini-program</source>
      <translation>公众号或小程序</translation>
    </message>
    <message>
      <source>Platform, account or link to the post</source>
      <translation>平台、账号或帖子链接</translation>
    </message>
    <message>
      <source>Body / hotline</source>
      <translation>机构/热线</translation>
    </message>
    <message>
      <source>Which body, and its hotline or website (e.g. 12378)</source>
      <translation>哪个机构，以及其热线或网站（例如 12378）</translation>
    </message>
    <message>
      <source>Case handler</source>
      <translation>经办人</translation>
    </message>
    <message>
      <source>Who is handling your case, if known</source>
      <translation>负责处理您投诉的人员（如知道）</translation>
    </message>
    <message>
      <source>Contact</source>
      <translation>联系方式</translation>
    </message>
    <message>
      <source>Person</source>
      <translation>联系人</translation>
    </message>
    <message>
      <source>Email from</source>
      <translation>邮件发件人</translation>
    </message>
    <message>
      <source>Email to</source>
      <translation>邮件收件人</translation>
    </message>
    <message>
      <source>Email cc</source>
      <translation>邮件抄送</translation>
    </message>
    <message>
      <source>Complaint no.</source>
      <translation>投诉号</translation>
    </message>
    <message>
      <source>Ticket no.</source>
      <translation>工单号</translation>
    </message>
    <message>
      <source>Regulator case no.</source>
      <translation>监管受理号</translation>
    </message>
    <message>
      <source>Transaction no.</source>
      <translation>交易流水号</translation>
    </message>
    <message>
      <source>Write a one-line summary to save this entry.</source>
      <translation>请先填写一句话摘要，再保存这条记录。</translation>
    </message>
  </context>
  <context>
    <name>Jobs</name>
    <message>
      <source>Something went wrong: {error}</source>
      <translation>出错了：{error}</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>Casebook — complaint records</source>
      <translation>投诉案卷 — 投诉记录</translation>
    </message>
    <message>
      <source>&amp;File</source>
      <translation>文件(&amp;F)</translation>
    </message>
    <message>
      <source>&amp;Edit</source>
      <translation>编辑(&amp;E)</translation>
    </message>
    <message>
      <source>&amp;Timeline</source>
      <translation>时间线(&amp;T)</translation>
    </message>
    <message>
      <source>&amp;View</source>
      <translation>视图(&amp;V)</translation>
    </message>
    <message>
      <source>&amp;Language</source>
      <translation>语言(&amp;L)</translation>
    </message>
    <message>
      <source>&amp;Help</source>
      <translation>帮助(&amp;H)</translation>
    </message>
    <message>
      <source>Main toolbar</source>
      <translation>主工具栏</translation>
    </message>
    <message>
      <source>&amp;New case…</source>
      <translation>新建案卷(&amp;N)…</translation>
    </message>
    <message>
      <source>&amp;Edit case…</source>
      <translation>编辑案卷(&amp;E)…</translation>
    </message>
    <message>
      <source>Delete case…</source>
      <translation>删除案卷…</translation>
    </message>
    <message>
      <source>&amp;Quit</source>
      <translation>退出(&amp;Q)</translation>
    </message>
    <message>
      <source>&amp;Add entry…</source>
      <translation>添加记录(&amp;A)…</translation>
    </message>
    <message>
      <source>E&amp;dit entry…</source>
      <translation>编辑记录(&amp;D)…</translation>
    </message>
    <message>
      <source>De&amp;lete entry</source>
      <translation>删除记录(&amp;L)</translation>
    </message>
    <message>
      <source>&amp;Newest first</source>
      <translation>最新的在前(&amp;N)</translation>
    </message>
    <message>
      <source>&amp;Find case</source>
      <translation>查找案卷(&amp;F)</translation>
    </message>
    <message>
      <source>&amp;About Casebook</source>
      <translation>关于投诉案卷(&amp;A)</translation>
    </message>
    <message>
      <source>&amp;Institutions…</source>
      <translation>机构名录(&amp;I)…</translation>
    </message>
    <message>
      <source>Follow the system</source>
      <translation>跟随系统</translation>
    </message>
    <message>
      <source>Filter cases…</source>
      <translation>筛选案卷…</translation>
    </message>
    <message>
      <source>+ New case</source>
      <translation>+ 新建案卷</translation>
    </message>
    <message>
      <source>Add entry…</source>
      <translation>添加记录…</translation>
    </message>
    <message>
      <source>Timeline</source>
      <translation>时间线</translation>
    </message>
    <message>
      <source>No case yet</source>
      <translation>还没有案卷</translation>
    </message>
    <message>
      <source>A case keeps one complaint: every call, visit, message and letter, with the reference numbers and promises they produced.
Start by creating a case for the bank or app you are complaining about.</source>
      <translation>一个案卷记录一件投诉：每一次通话、走访、消息和信函，以及由此得到的编号和承诺。
首先，为您要投诉的银行或 App 新建一个案卷。</translation>
    </message>
    <message>
      <source>Create a case</source>
      <translation>新建案卷</translation>
    </message>
    <message>
      <source>&amp;Undo {action}</source>
      <translation>撤销 {action}(&amp;U)</translation>
    </message>
    <message>
      <source>&amp;Undo</source>
      <translation>撤销(&amp;U)</translation>
    </message>
    <message>
      <source>&amp;Redo {action}</source>
      <translation>重做 {action}(&amp;R)</translation>
    </message>
    <message>
      <source>&amp;Redo</source>
      <translation>重做(&amp;R)</translation>
    </message>
    <message>
      <source>End &amp;call</source>
      <translation>结束通话(&amp;C)</translation>
    </message>
    <message>
      <source>&amp;Log a call</source>
      <translation>记录通话(&amp;L)</translation>
    </message>
    <message>
      <source>Not saved</source>
      <translation>未保存</translation>
    </message>
    <message>
      <source>New case</source>
      <translation>新建案卷</translation>
    </message>
    <message>
      <source>Case created</source>
      <translation>案卷已创建</translation>
    </message>
    <message>
      <source>Edit case</source>
      <translation>编辑案卷</translation>
    </message>
    <message>
      <source>Delete case</source>
      <translation>删除案卷</translation>
    </message>
    <message>
      <source>Delete the case “{title}” with its {count} entries?
You can undo this with Ctrl+Z until you close Casebook.</source>
      <translation>要删除案卷“{title}”及其 {count} 条记录吗？
在关闭投诉案卷之前，都可以按 Ctrl+Z 撤销。</translation>
    </message>
    <message>
      <source>New entry</source>
      <translation>新建记录</translation>
    </message>
    <message>
      <source>Edit entry</source>
      <translation>编辑记录</translation>
    </message>
    <message>
      <source>Entry deleted. Undo with Ctrl+Z.</source>
      <translation>记录已删除。按 Ctrl+Z 可撤销。</translation>
    </message>
    <message>
      <source>Log call</source>
      <translation>记录通话</translation>
    </message>
    <message>
      <source>Log the call</source>
      <translation>记录本次通话</translation>
    </message>
    <message>
      <source>Select an entry to see it in full. Double-click or press Enter to edit it.</source>
      <translation>选择一条记录可查看完整内容。双击或按 Enter 键可编辑。</translation>
    </message>
    <message>
      <source>When</source>
      <translation>时间</translation>
    </message>
    <message>
      <source>Channel</source>
      <translation>渠道</translation>
    </message>
    <message>
      <source>Direction</source>
      <translation>方向</translation>
    </message>
    <message>
      <source>With</source>
      <translation>对方</translation>
    </message>
    <message>
      <source>Staff ID</source>
      <translation>工号</translation>
    </message>
    <message>
      <source>Contact</source>
      <translation>联系方式</translation>
    </message>
    <message>
      <source>Duration</source>
      <translation>时长</translation>
    </message>
    <message>
      <source>From</source>
      <translation>发件人</translation>
    </message>
    <message>
      <source>To</source>
      <translation>收件人</translation>
    </message>
    <message>
      <source>Cc</source>
      <translation>抄送</translation>
    </message>
    <message>
      <source>Reference no.</source>
      <translation>编号</translation>
    </message>
    <message>
      <source>Promise</source>
      <translation>承诺</translation>
    </message>
    <message>
      <source>Could not save preferences: {error}</source>
      <translation>无法保存偏好设置：{error}</translation>
    </message>
    <message>
      <source>About Casebook</source>
      <translation>关于投诉案卷</translation>
    </message>
    <message>
      <source>&lt;b&gt;Casebook {version}&lt;/b&gt; (投诉案卷)&lt;br&gt;Keeps a complaint against a bank, payment app or lender as one case, on this computer only.&lt;br&gt;Data folder: {path}</source>
      <translation>&lt;b&gt;投诉案卷 {version}&lt;/b&gt;（Casebook）&lt;br&gt;把对银行、支付平台或贷款机构的一件投诉整理成一个案卷，数据只保存在本机。&lt;br&gt;数据文件夹：{path}</translation>
    </message>
    <message>
      <source>Call in progress</source>
      <translation>通话中</translation>
    </message>
    <message>
      <source>A call is still being timed. Quit without logging it?</source>
      <translation>通话仍在计时。确定不记录就退出吗？</translation>
    </message>
  </context>
  <context>
    <name>Operations</name>
    <message>
      <source>New case “{title}”</source>
      <translation>新建案卷“{title}”</translation>
    </message>
    <message>
      <source>Delete case “{title}”</source>
      <translation>删除案卷“{title}”</translation>
    </message>
    <message>
      <source>Edit entry “{summary}”</source>
      <translation>编辑记录“{summary}”</translation>
    </message>
    <message>
      <source>Delete entry “{summary}”</source>
      <translation>删除记录“{summary}”</translation>
    </message>
    <message>
      <source>Edit institution “{name}”</source>
      <translation>编辑机构“{name}”</translation>
    </message>
    <message>
      <source>Edit case “{title}”</source>
      <translation>编辑案卷“{title}”</translation>
    </message>
    <message>
      <source>Change status</source>
      <translation>更改状态</translation>
    </message>
    <message>
      <source>Add entry “{summary}”</source>
      <translation>添加记录“{summary}”</translation>
    </message>
  </context>
  <context>
    <name>PromiseTableModel</name>
    <message>
      <source>What they promised</source>
      <translation>对方承诺的内容</translation>
    </message>
    <message>
      <source>Due by</source>
      <translation>期限</translation>
    </message>
    <message>
      <source>Kept?</source>
      <translation>是否兑现</translation>
    </message>
    <message>
      <source>No due time. Double-click to set one; Delete clears it.</source>
      <translation>未设期限。双击可设置；按 Delete 键清除。</translation>
    </message>
  </context>
  <context>
    <name>RecordDialog</name>
    <message>
      <source>Save (Ctrl+Return)</source>
      <translation>保存（Ctrl+Enter）</translation>
    </message>
    <message>
      <source>Press Esc again to close without saving your changes.</source>
      <translation>再按一次 Esc 将关闭窗口，不保存您的修改。</translation>
    </message>
  </context>
  <context>
    <name>ReferenceTableModel</name>
    <message>
      <source>Kind of number</source>
      <translation>编号类型</translation>
    </message>
    <message>
      <source>Number</source>
      <translation>号码</translation>
    </message>
    <message>
      <source>Issued by</source>
      <translation>出具方</translation>
    </message>
  </context>
  <context>
    <name>TimelineModel</name>
    <message>
      <source>When</source>
      <translation>时间</translation>
    </message>
    <message>
      <source>Channel</source>
      <translation>渠道</translation>
    </message>
    <message>
      <source>Direction</source>
      <translation>方向</translation>
    </message>
    <message>
      <source>With</source>
      <translation>对方</translation>
    </message>
    <message>
      <source>Summary</source>
      <translation>摘要</translation>
    </message>
    <message>
      <source>Reference no.</source>
      <translation>编号</translation>
    </message>
    <message>
      <source>Promises</source>
      <translation>承诺</translation>
    </message>
    <message>
      <source>Out</source>
      <translation>去</translation>
    </message>
    <message>
      <source>In</source>
      <translation>来</translation>
    </message>
  </context>
  <context>
    <name>app</name>
    <message>
      <source>Casebook cannot start</source>
      <translation>投诉案卷无法启动</translation>
    </message>
  </context>
  <context>
    <name>vocab</name>
    <message>
      <source>Phone call</source>
      <translation>电话</translation>
    </message>
    <message>
      <source>Branch visit</source>
      <translation>网点走访</translation>
    </message>
    <message>
      <source>Web form</source>
      <translation>网页表单</translation>
    </message>
    <message>
      <source>In-app feedback</source>
      <translation>App内反馈</translation>
    </message>
    <message>
      <source>WeChat</source>
      <translation>微信</translation>
    </message>
    <message>
      <source>Email</source>
      <translation>电子邮件</translation>
    </message>
    <message>
      <source>Letter</source>
      <translation>信函</translation>
    </message>
    <message>
      <source>SMS</source>
      <translation>短信</translation>
    </message>
    <message>
      <source>Social media</source>
      <translation>社交媒体</translation>
    </message>
    <message>
      <source>Regulator filing</source>
      <translation>向监管投诉</translation>
    </message>
    <message>
      <source>Note</source>
      <translation>备注</translation>
    </message>
    <message>
      <source>Unsolicited call</source>
      <translation>骚扰来电</translation>
    </message>
    <message>
      <source>I contacted them</source>
      <translation>我方联系对方</translation>
    </message>
    <message>
      <source>They contacted me</source>
      <translation>对方联系我</translation>
    </message>
    <message>
      <source>Open</source>
      <translation>处理中</translation>
    </message>
    <message>
      <source>Awaiting reply</source>
      <translation>等待答复</translation>
    </message>
    <message>
      <source>Escalated</source>
      <translation>已升级投诉</translation>
    </message>
    <message>
      <source>Resolved</source>
      <translation>已解决</translation>
    </message>
    <message>
      <source>Closed, unresolved</source>
      <translation>已结束（未解决）</translation>
    </message>
    <message>
      <source>Function fault</source>
      <translation>功能故障</translation>
    </message>
    <message>
      <source>Wrong information</source>
      <translation>信息错误</translation>
    </message>
    <message>
      <source>Service attitude</source>
      <translation>服务态度</translation>
    </message>
    <message>
      <source>Hard to operate</source>
      <translation>操作困难</translation>
    </message>
    <message>
      <source>Frozen funds</source>
      <translation>资金冻结</translation>
    </message>
    <message>
      <source>Failed withdrawal</source>
      <translation>提现失败</translation>
    </message>
    <message>
      <source>Slow support</source>
      <translation>处理迟缓</translation>
    </message>
    <message>
      <source>Unwanted calls</source>
      <translation>骚扰电话</translation>
    </message>
    <message>
      <source>Other</source>
      <translation>其他</translation>
    </message>
    <message>
      <source>China</source>
      <translation>中国</translation>
    </message>
    <message>
      <source>United Kingdom</source>
      <translation>英国</translation>
    </message>
    <message>
      <source>United States</source>
      <translation>美国</translation>
    </message>
    <message>
      <source>European Union</source>
      <translation>欧盟</translation>
    </message>
    <message>
      <source>None</source>
      <translation>不适用</translation>
    </message>
    <message>
      <source>Bank</source>
      <translation>银行</translation>
    </message>
    <message>
      <source>Payment app</source>
      <translation>支付平台</translation>
    </message>
    <message>
      <source>Lender</source>
      <translation>贷款机构</translation>
    </message>
    <message>
      <source>Insurer</source>
      <translation>保险公司</translation>
    </message>
    <message>
      <source>Regulator</source>
      <translation>监管机构</translation>
    </message>
    <message>
      <source>Consumer body</source>
      <translation>消费者组织</translation>
    </message>
    <message>
      <source>Pending</source>
      <translation>待兑现</translation>
    </message>
    <message>
      <source>Kept</source>
      <translation>已兑现</translation>
    </message>
    <message>
      <source>Broken</source>
      <translation>未兑现</translation>
    </message>
  </context>
  <context>
    <name>core</name>
    <message>
      <source>no case with id {id}</source>
      <translation>找不到编号为 {id} 的案卷。</translation>
    </message>
    <message>
      <source>no event with id {id}</source>
      <translation>找不到编号为 {id} 的记录。</translation>
    </message>
    <message>
      <source>no institution with id {id}</source>
      <translation>找不到编号为 {id} 的机构。</translation>
    </message>
    <message>
      <source>status</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>category</source>
      <translation>类别</translation>
    </message>
    <message>
      <source>jurisdiction</source>
      <translation>适用地区</translation>
    </message>
    <message>
      <source>channel</source>
      <translation>渠道</translation>
    </message>
    <message>
      <source>direction</source>
      <translation>方向</translation>
    </message>
    <message>
      <source>unknown {what} {value!r}; choose one of: {choices}</source>
      <translation>未知的{what}：{value!r}。请从以下选项中选择：{choices}</translation>
    </message>
    <message>
      <source>a case needs a title</source>
      <translation>案卷需要填写标题。</translation>
    </message>
    <message>
      <source>a case needs the institution it is against</source>
      <translation>案卷需要填写被投诉的机构。</translation>
    </message>
    <message>
      <source>the time of an event needs a time zone</source>
      <translation>记录的时间需要带有时区。</translation>
    </message>
    <message>
      <source>a duration cannot be negative</source>
      <translation>时长不能为负数。</translation>
    </message>
    <message>
      <source>the duration is too long</source>
      <translation>时长过长。</translation>
    </message>
    <message>
      <source>promise state</source>
      <translation>承诺状态</translation>
    </message>
    <message>
      <source>institution kind</source>
      <translation>机构类型</translation>
    </message>
    <message>
      <source>the amount must be a positive number</source>
      <translation>金额必须为正数。</translation>
    </message>
    <message>
      <source>a promise's due time needs a time zone</source>
      <translation>承诺的期限需要带有时区。</translation>
    </message>
    <message>
      <source>an institution needs a name</source>
      <translation>机构需要填写名称。</translation>
    </message>
    <message>
      <source>unknown institution fields: {names}</source>
      <translation>未知的机构字段：{names}</translation>
    </message>
    <message>
      <source>the directory already has {name}</source>
      <translation>机构名录中已有“{name}”。</translation>
    </message>
    <message>
      <source>case {id} exists already</source>
      <translation>编号为 {id} 的案卷已存在。</translation>
    </message>
    <message>
      <source>event {id} exists already</source>
      <translation>编号为 {id} 的记录已存在。</translation>
    </message>
    <message>
      <source>no promise with id {id}</source>
      <translation>找不到编号为 {id} 的承诺。</translation>
    </message>
    <message>
      <source>the amount is too large</source>
      <translation>金额过大。</translation>
    </message>
  </context>
</TS>
