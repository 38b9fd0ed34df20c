<?php
// A wrong solution: it never catches up, because it runs only once.

function Backup()
{
   AddMessage2Log("Backup");
   return "";
}

CAgent::AddAgent("Backup();", "", "Y", 3600);
