<?php
// A wrong solution: off by one, four runs.

function Report($n)
{
   AddMessage2Log("Report: run ".$n);
   if ($n > 3)
      return "";
   return "Report(".($n + 1).");";
}

CAgent::AddAgent("Report(1);", "", "N", 3600);
