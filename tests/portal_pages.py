"""Government portal pages made for the tests: a report's text wrapped in a portal's chrome.

Three styles, modelled on what provincial portals and newspaper sites publish: navigation, a
breadcrumb, the 【字号：大 中 小】 / 下载 打印 全屏 收藏 toolbar, share buttons, related-article lists
and a footer with 主办单位 / 网站标识码 / ICP备 / 版权所有. The chrome carries numbers of its own
(growth rates in related headlines, site codes, phone numbers, view counts) so that a reader that
lets chrome through gives facts the report does not have.

``page(style, text, title=…)`` returns the page's bytes; the report's lines become its paragraphs.
"""
from __future__ import annotations

import html

# numbers in the chrome that the report does not contain (a fact carrying one came from the chrome)
CHROME_NUMBERS = ("3.9", "8.7", "6.6", "5000000095", "05003300", "50010302000001", "63891234", "12876",
                  "50120170001", "4.2")

_GOV = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="ArticleTitle" content="{title}">
<meta name="PubDate" content="{pubdate}">
<meta name="ContentSource" content="重庆日报">
<meta name="ColumnName" content="政府工作报告">
<title>{title}_重庆市人民政府网</title>
<link rel="stylesheet" href="/css/base.css"><script src="/js/jquery.min.js"></script>
<script>var _hmt = _hmt || []; var pageId = 12876;</script>
</head><body>
<div class="top-bar"><div class="w1200"><span>欢迎访问重庆市人民政府网</span>
<a href="/wza/">无障碍</a> <a href="/en/">English</a> <a href="/login">登录</a> <a href="/m/">手机版</a></div></div>
<div class="header"><div class="logo"><a href="/"><img src="/images/logo.png" alt="重庆市人民政府"></a></div>
<div class="search"><form action="/search"><input name="q" placeholder="请输入关键词"><button>搜索</button></form></div></div>
<div class="nav"><ul>
<li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zwfw/">政务服务</a></li>
<li><a href="/hdjl/">互动交流</a></li><li><a href="/zjcq/">走进重庆</a></li><li><a href="/sjfb/">数据发布</a></li>
</ul></div>
<div class="w1200">
<div class="position">您的位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/zfgzbg/">政府工作报告</a></div>
<div class="article">
<h1 class="wzy_tit">{title}</h1>
<div class="wzy_info"><span>来源：重庆日报</span><span>发布时间：{pubdate}</span><span>浏览次数：12876</span>
<span class="zh">【字号：<a href="javascript:doZoom(18)">大</a> <a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a>】</span>
<span class="tools"><a href="#">下载</a> <a href="javascript:window.print()">打印</a> <a href="#">全屏</a> <a href="#">收藏</a></span></div>
<div class="wzy_con" id="zoom"><div class="TRS_Editor">
{body}
</div></div>
<div class="fenxiang">分享到：<a class="wx" href="#">微信</a> <a class="wb" href="#">微博</a> <a class="qq" href="#">QQ空间</a></div>
<div class="xglj"><h3>相关链接</h3><ul>
<li><a href="/a/1.html">2020年全市地区生产总值增长3.9%</a><span>2021-01-20</span></li>
<li><a href="/a/2.html">一图读懂：规上工业增加值增长5.8%背后的新动能</a><span>2021-01-19</span></li>
<li><a href="/a/3.html">全市居民人均可支配收入增长6.6%</a><span>2021-01-18</span></li>
<li><a href="/a/4.html">社会消费品零售总额增长8.7%</a><span>2021-01-18</span></li>
</ul></div>
</div></div>
<div class="footer"><div class="w1200">
<p><a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a> | <a href="/sysm/">使用帮助</a></p>
<p>主办单位：重庆市人民政府办公厅　承办单位：重庆市大数据应用发展管理局</p>
<p>网站标识码：5000000095　<a href="https://beian.miit.gov.cn">渝ICP备05003300号</a>　渝公网安备 50010302000001号</p>
<p>版权所有：重庆市人民政府网　联系电话：023-63891234</p>
</div></div>
</body></html>
"""

_NEWS = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} - 重庆日报网</title>
<meta name="keywords" content="政府工作报告,重庆"><meta name="description" content="{title}">
<meta property="og:title" content="{title}">
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "{title}", "datePublished": "{pubdate}"}}</script>
</head><body>
<header class="site-header"><a class="brand" href="/">重庆日报网</a>
<nav class="main-nav"><a href="/">首页</a><a href="/sz/">时政</a><a href="/jj/">经济</a><a href="/sh/">社会</a>
<a href="/wh/">文化</a><a href="/sp/">视频</a><a href="/epaper/">数字报</a></nav></header>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/sz/">时政</a> &gt; 正文</div>
<main class="container"><div class="row">
<article class="content-main">
<h1 class="article-title">{title}</h1>
<div class="article-meta"><span class="source">来源：重庆日报</span> <time datetime="{pubdate}">{pubdate} 07:30</time>
<span class="editor">责任编辑：王小明</span></div>
<div class="article-tools">【字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】
<a href="#">下载</a> <a href="#">打印</a> <a href="#">全屏</a> <a href="#">收藏</a></div>
<div class="share-bar">分享：<a class="share-wechat" href="#">微信</a><a class="share-weibo" href="#">微博</a></div>
<div class="article-body">
{body}
</div>
<div class="article-footer"><p>（编辑：王小明　审核：李红）</p></div>
<div class="prev-next"><p>上一篇：<a href="/a/9.html">市政协五届四次会议开幕</a></p>
<p>下一篇：<a href="/a/11.html">代表热议：GDP增长4.2%来之不易</a></p></div>
</article>
<aside class="sidebar">
<section class="related"><h3>相关文章</h3><ul>
<li><a href="/a/5.html">2020年全市地区生产总值增长3.9%</a></li>
<li><a href="/a/6.html">社会消费品零售总额增长8.7%</a></li>
</ul></section>
<section class="hot"><h3>热点排行</h3><ol><li><a href="/a/7.html">居民人均可支配收入增长6.6%</a></li>
<li><a href="/a/8.html">浏览量破12876的民生清单</a></li></ol></section>
</aside>
</div></main>
<footer class="site-footer"><p>版权所有 © 重庆日报报业集团　互联网新闻信息服务许可证：50120170001</p>
<p>渝ICP备05003300号　渝公网安备 50010302000001号　违法和不良信息举报电话：023-63891234</p></footer>
</body></html>
"""

_LEGACY = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{title}</title>
<script language="javascript">function doZoom(size){{document.getElementById('fontzoom').style.fontSize=size+'px';}}</script>
</head><body topmargin="0">
<table width="1000" align="center" cellpadding="0" cellspacing="0"><tr>
<td><img src="/images/banner.jpg" width="1000" height="120"></td></tr>
<tr><td class="menu"><a href="/">首页</a>｜<a href="/zwgk/">政务公开</a>｜<a href="/ghjh/">规划计划</a>｜<a href="/tjxx/">统计信息</a>｜<a href="/hdjl/">互动交流</a></td></tr>
</table>
<table width="1000" align="center" cellpadding="0" cellspacing="0"><tr>
<td class="dqwz">当前位置：<a href="/">首页</a> &gt;&gt; <a href="/zwgk/">政务公开</a> &gt;&gt; <a href="/ghjh/">规划计划</a></td></tr>
<tr><td align="center" class="title"><font size="5" color="#c00000"><b>{title}</b></font></td></tr>
<tr><td align="center" class="info">发布日期：{pubdate}　信息来源：市发展改革委　点击数：12876
【字号：<a href="javascript:doZoom(16)">大</a> <a href="javascript:doZoom(14)">中</a> <a href="javascript:doZoom(12)">小</a>】【<a href="javascript:window.print()">打印本页</a>】【<a href="javascript:window.close()">关闭窗口</a>】</td></tr>
<tr><td id="fontzoom" class="content">
{body}
</td></tr>
<tr><td class="fj">附件：<a href="/u/1.doc">附件1.doc</a></td></tr>
<tr><td><table width="100%"><tr><td class="xgxx"><b>相关链接</b></td></tr>
<tr><td><a href="/a/1.htm">·2020年全市地区生产总值增长3.9%</a></td><td>2021-01-20</td></tr>
<tr><td><a href="/a/2.htm">·社会消费品零售总额增长8.7%</a></td><td>2021-01-18</td></tr>
</table></td></tr>
</table>
<table width="1000" align="center" class="bottom"><tr><td align="center">
<a href="/">设为首页</a> | <a href="#">加入收藏</a> | <a href="/lxwm/">联系我们</a><br>
主办单位：重庆市发展和改革委员会　网站标识码：5000000095<br>
渝ICP备05003300号　渝公网安备 50010302000001号<br>
版权所有　联系电话：023-63891234</td></tr></table>
</body></html>
"""

STYLES = {"gov": (_GOV, "utf-8"), "news": (_NEWS, "utf-8"), "legacy": (_LEGACY, "gb18030")}


_PART = ("一、", "二、", "三、", "四、", "五、", "六、")


def body(text: str, shape: str = "p") -> str:
    """The report's lines as a portal's editor writes them: ``p`` one paragraph a line, ``h2`` the
    same with the parts' headings (一、…) as <h2>, ``br`` one text run broken by <br>, ``div`` one
    <div> a line, ``indent`` paragraphs opening with &nbsp; and full-width spaces."""
    lines = [html.escape(line.strip()) for line in text.splitlines() if line.strip()]
    if shape == "br":
        return "<br>\n".join(lines)
    if shape == "div":
        return "\n".join(f"<div>{line}</div>" for line in lines)
    if shape == "indent":
        return "\n".join(f'<p style="text-indent:2em">&nbsp;&nbsp;\u3000\u3000{line}</p>' for line in lines)
    if shape == "h2":
        return "\n".join(f"<h2>{line}</h2>" if line.startswith(_PART) else f"<p>{line}</p>" for line in lines)
    return "\n".join(f"<p>{line}</p>" for line in lines)


def page(style: str, text: str, title: str, pubdate: str = "2021-01-25", extra: str = "",
         shape: str = "p") -> bytes:
    """The report's text as a portal page of ``style`` (its lines laid out as ``shape``), then
    ``extra`` (HTML) at the end of the report's body."""
    template, encoding = STYLES[style]
    return template.format(title=html.escape(title), pubdate=pubdate, body=body(text, shape) + extra).encode(encoding)
